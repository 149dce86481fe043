import Foundation
import XCTest

/// Issue 13, the front door: slow and stalled clients, compressed bodies, duplicate keys and
/// contradictory framing, over real loopback connections (raw sockets where an HTTP client
/// would not send such a request).
final class FrontDoorTests: XCTestCase {
    var upstream: TestUpstream!
    var router: RouterHarness!

    /// Short timeouts so that the slow-client tests take a second, not a minute.
    static let limits = """
      header_timeout: 1s
      body_timeout: 300ms
      max_body: 64KiB
      max_headers: 40
      max_header_bytes: 8KiB
    """

    override func setUp() async throws {
        upstream = try await TestUpstream.start()
        router = try await RouterHarness.start(yaml: RouterHarness.yaml(upstreamPort: upstream.port, limits: Self.limits))
    }

    override func tearDown() async throws {
        try await router.stop()
        upstream.stop()
    }

    private func head(_ path: String, contentLength: Int, auth: String? = nil, extra: String = "") -> String {
        let credential = auth ?? "x-api-key: \(RouterHarness.clientKey)"
        return "POST \(path) HTTP/1.1\r\nhost: 127.0.0.1\r\n\(credential)\r\ncontent-type: application/json\r\n"
            + "content-length: \(contentLength)\r\n\(extra)\r\n"
    }

    private func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    // MARK: slow and stalled clients

    func testAStalledBodyGets408InAnthropicFormatWhileOthersAreServed() async throws {
        let body = Bodies.anthropic(model: "claude-x")
        let outcome = try await RawConnection.exchange(
            port: router.port, send: [head("/v1/messages", contentLength: body.utf8.count), String(body.prefix(10))]
        ) {
            let other = try await router.send("/v1/messages", json: Bodies.anthropic(model: "claude-x"))
            XCTAssertEqual(other.status, 200, other.text)
        }
        XCTAssertTrue(outcome.closedByServer, "the router never closed the stalled connection")
        XCTAssertTrue(outcome.statusLine.hasPrefix("HTTP/1.1 408"), outcome.received)
        let error = json(outcome.body)
        XCTAssertEqual(error["type"] as? String, "error", outcome.body)
        XCTAssertEqual((error["error"] as? [String: Any])?["type"] as? String, "timeout_error", outcome.body)
        XCTAssertTrue(((error["error"] as? [String: Any])?["message"] as? String ?? "").contains("300 ms"), outcome.body)
        XCTAssertEqual(upstream.recorded.count, 1, "only the other client's request reached the upstream")
    }

    func testAStalledBodyGets408InOpenAIFormat() async throws {
        let body = Bodies.openAI(model: "gpt-x")
        let outcome = try await RawConnection.exchange(
            port: router.port,
            send: [head("/v1/chat/completions", contentLength: body.utf8.count, auth: "authorization: Bearer \(RouterHarness.clientKey)"),
                   String(body.prefix(20))]
        )
        XCTAssertTrue(outcome.closedByServer)
        XCTAssertTrue(outcome.statusLine.hasPrefix("HTTP/1.1 408"), outcome.received)
        let error = json(outcome.body)["error"] as? [String: Any]
        XCTAssertEqual(error?["code"] as? String, "request_timeout", outcome.body)
        XCTAssertTrue(upstream.recorded.isEmpty)
    }

    func testABodyThatKeepsTricklingIsNotCutOff() async throws {
        // Progress resets the body timer: five pauses of 150 ms each (each under 300 ms) add up to
        // more than the timeout, and the request still succeeds.
        let body = Bodies.anthropic(model: "claude-x")
        let pieces = stride(from: 0, to: body.utf8.count, by: 20).map { start -> String in
            let bytes = Array(body.utf8)
            return String(decoding: bytes[start..<min(start + 20, bytes.count)], as: UTF8.self)
        }
        let trickle = try await RawConnection.exchange(
            port: router.port,
            send: [head("/v1/messages", contentLength: body.utf8.count, extra: "connection: close\r\n")] + pieces,
            pacing: .milliseconds(150)
        )
        XCTAssertTrue(trickle.statusLine.hasPrefix("HTTP/1.1 200"), trickle.received)
    }

    func testAPartialHeadIsClosedWithoutAnAnswer() async throws {
        let outcome = try await RawConnection.exchange(port: router.port, send: ["POST /v1/messages HTTP/1.1\r\nhost: x\r\n"]) {
            let other = try await router.send("/v1/messages", json: Bodies.anthropic(model: "claude-x"))
            XCTAssertEqual(other.status, 200, other.text)
        }
        XCTAssertTrue(outcome.closedByServer, "a partial head held the connection open")
        XCTAssertEqual(outcome.received, "")
    }

    func testAnIdleConnectionIsClosed() async throws {
        let outcome = try await RawConnection.exchange(port: router.port, send: [])
        XCTAssertTrue(outcome.closedByServer)
    }

    func testAPipelinedRequestStillBeingAnsweredIsNotTimedOut() async throws {
        // Two requests in one write; the second one's upstream answers only after the head
        // timeout (1 s) has passed since the first response ended.
        let gate = Gate()
        upstream.script(model: "claude-up-2", .stall(gate))
        let first = Bodies.anthropic(model: "claude-x")
        let second = Bodies.anthropic(model: "resilient")
        let opener = Task {
            try await Task.sleep(for: .milliseconds(1_800))
            gate.open()
        }
        let outcome = try await RawConnection.exchange(port: router.port, send: [
            head("/v1/messages", contentLength: first.utf8.count) + first
                + head("/v1/messages", contentLength: second.utf8.count, extra: "connection: close\r\n") + second,
        ])
        _ = await opener.result
        XCTAssertEqual(outcome.received.components(separatedBy: "HTTP/1.1 200").count - 1, 2, outcome.received)
    }

    // MARK: head limits and framing

    func testTooManyOrTooLargeHeadersAreRefused() async throws {
        let many = (0..<60).map { "x-filler-\($0): 1\r\n" }.joined()
        let counted = try await RawConnection.exchange(port: router.port, send: [head("/v1/messages", contentLength: 2, extra: many) + "{}"])
        XCTAssertTrue(counted.statusLine.hasPrefix("HTTP/1.1 400"), counted.received)
        XCTAssertTrue(counted.closedByServer)
        let large = try await RawConnection.exchange(
            port: router.port, send: [head("/v1/messages", contentLength: 2, extra: "x-big: \(String(repeating: "a", count: 10_000))\r\n") + "{}"]
        )
        XCTAssertTrue(large.statusLine.hasPrefix("HTTP/1.1 400"), large.received)
        XCTAssertTrue(large.closedByServer)
        XCTAssertTrue(upstream.recorded.isEmpty)
    }

    func testTransferEncodingWithContentLengthIsRefused() async throws {
        // The smuggling shape: a front proxy and the router could disagree on where the body ends.
        let body = Bodies.anthropic(model: "claude-x")
        let chunked = String(body.utf8.count, radix: 16) + "\r\n" + body + "\r\n0\r\n\r\n"
        let outcome = try await RawConnection.exchange(
            port: router.port, send: [head("/v1/messages", contentLength: 5, extra: "transfer-encoding: chunked\r\n") + chunked]
        )
        XCTAssertTrue(outcome.statusLine.hasPrefix("HTTP/1.1 400"), outcome.received)
        XCTAssertTrue(outcome.closedByServer)
        XCTAssertTrue(upstream.recorded.isEmpty)
    }

    // MARK: Content-Encoding

    func testGzipAndDeflateBodiesAreDecoded() async throws {
        let body = Array(Bodies.anthropic(model: "claude-x").utf8)
        for (encoding, encoded) in [("gzip", Compression.gzip(body)), ("deflate", Compression.zlib(body)), ("deflate", Compression.rawDeflate(body))] {
            let reply = try await router.send(.POST, "/v1/messages", headers: RouterHarness.anthropicHeaders() + [("content-encoding", encoding)], body: encoded)
            XCTAssertEqual(reply.status, 200, "\(encoding): \(reply.text)")
            let received = try XCTUnwrap(upstream.recorded.last)
            XCTAssertNil(received.header("content-encoding"), "the upstream gets the decoded body, so no encoding header")
            let forwarded = json(String(decoding: received.body, as: UTF8.self))
            XCTAssertEqual((forwarded["messages"] as? [[String: Any]])?.first?["content"] as? String, "hi", encoding)
        }
        let openAI = Compression.gzip(Array(Bodies.openAI(model: "gpt-x").utf8))
        let reply = try await router.send(.POST, "/v1/chat/completions", headers: RouterHarness.openAIHeaders() + [("content-encoding", "gzip")], body: openAI)
        XCTAssertEqual(reply.status, 200, reply.text)
    }

    func testADecompressionBombStopsAtMaxBody() async throws {
        // 8 MiB of spaces inside a string compress to a few KiB; max_body is 64 KiB.
        let bomb = Array(#"{"model":"claude-x","max_tokens":5,"messages":[],"pad":""#.utf8) + [UInt8](repeating: 0x20, count: 8 << 20) + Array(#""}"#.utf8)
        let compressed = Compression.gzip(bomb)
        XCTAssertLessThan(compressed.count, 64 * 1024)
        let reply = try await router.send(.POST, "/v1/messages", headers: RouterHarness.anthropicHeaders() + [("content-encoding", "gzip")], body: compressed)
        XCTAssertEqual(reply.status, 413, reply.text)
        XCTAssertEqual(reply.errorType, "request_too_large")
        XCTAssertTrue(reply.errorMessage.contains("65536"), reply.errorMessage)
        XCTAssertTrue(upstream.recorded.isEmpty)
    }

    func testOtherEncodingsAndBrokenDataAreRefused() async throws {
        let body = Array(Bodies.anthropic(model: "claude-x").utf8)
        let brotli = try await router.send(.POST, "/v1/messages", headers: RouterHarness.anthropicHeaders() + [("content-encoding", "br")], body: body)
        XCTAssertEqual(brotli.status, 415, brotli.text)
        XCTAssertTrue(brotli.errorMessage.contains("gzip, deflate"), brotli.errorMessage)
        let stacked = try await router.send(.POST, "/v1/messages", headers: RouterHarness.anthropicHeaders() + [("content-encoding", "gzip, gzip")], body: body)
        XCTAssertEqual(stacked.status, 415, stacked.text)
        let broken = try await router.send(.POST, "/v1/messages", headers: RouterHarness.anthropicHeaders() + [("content-encoding", "gzip")], body: body)
        XCTAssertEqual(broken.status, 400, broken.text)
        XCTAssertTrue(broken.errorMessage.contains("gzip"), broken.errorMessage)
        let truncated = Array(Compression.gzip(body).dropLast(12))
        let cut = try await router.send(.POST, "/v1/messages", headers: RouterHarness.anthropicHeaders() + [("content-encoding", "gzip")], body: truncated)
        XCTAssertEqual(cut.status, 400, cut.text)
        XCTAssertTrue(upstream.recorded.isEmpty)
    }

    // MARK: duplicate keys

    func testDuplicateKeysAreRefusedWithKeyAndOffset() async throws {
        let top = #"{"model":"claude-x","model":"gpt-x","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"#
        let topReply = try await router.send("/v1/messages", json: top)
        XCTAssertEqual(topReply.status, 400, topReply.text)
        XCTAssertTrue(topReply.errorMessage.contains("'model'") && topReply.errorMessage.contains("byte 20"), topReply.errorMessage)

        let nested = #"{"model":"claude-x","max_tokens":5,"messages":[{"role":"user","content":"hi","role":"assistant"}]}"#
        let nestedReply = try await router.send("/v1/messages", json: nested)
        XCTAssertEqual(nestedReply.status, 400, nestedReply.text)
        XCTAssertTrue(nestedReply.errorMessage.contains("'role'"), nestedReply.errorMessage)
        let offset = Array(nested.utf8).count - #""role":"assistant"}]}"#.utf8.count
        XCTAssertTrue(nestedReply.errorMessage.contains("byte \(offset)"), nestedReply.errorMessage)

        let escaped = #"{"model":"claude-x","max_tokens":5,"messages":[],"mod\u0065l":"gpt-x"}"#
        let escapedReply = try await router.send("/v1/messages", json: escaped)
        XCTAssertEqual(escapedReply.status, 400, escapedReply.text)
        XCTAssertTrue(escapedReply.errorMessage.contains("'model'"), escapedReply.errorMessage)

        let deep = #"{"model":"gpt-x","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"a":{"type":"string","type":"number"}}}}}]}"#
        let deepReply = try await router.send("/v1/chat/completions", headers: RouterHarness.openAIHeaders(), json: deep)
        XCTAssertEqual(deepReply.status, 400, deepReply.text)
        XCTAssertEqual((deepReply.json["error"] as? [String: Any])?["code"] as? String, "duplicate_key", deepReply.text)

        XCTAssertTrue(upstream.recorded.isEmpty, "nothing ambiguous was forwarded")
        let fine = try await router.send("/v1/messages", json: #"{"model":"claude-x","max_tokens":5,"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"}]}"#)
        XCTAssertEqual(fine.status, 200, "the same key in sibling objects is not a duplicate: \(fine.text)")
    }

    // MARK: values copied upstream

    func testProviderKeysAreTrimmedAndABrokenOneIsNeverEchoed() async throws {
        let yaml = RouterHarness.yaml(upstreamPort: upstream.port)
        var environment = RouterHarness.environment
        environment["TEST_ANTHROPIC_KEY"] = RouterHarness.anthropicKey + "\n"  // a Secret mounted from a file
        environment["TEST_OPENAI_KEY"] = "sk-first-half\r\nx-injected: 1"
        let keyed = try await RouterHarness.start(yaml: yaml, environment: environment)
        do {
            let trimmed = try await keyed.send("/v1/messages", json: Bodies.anthropic(model: "claude-x"))
            XCTAssertEqual(trimmed.status, 200, trimmed.text)
            XCTAssertEqual(upstream.recorded.last?.header("x-api-key"), RouterHarness.anthropicKey)
            let before = upstream.recorded.count
            let broken = try await keyed.send("/v1/chat/completions", headers: RouterHarness.openAIHeaders(), json: Bodies.openAI(model: "gpt-x"))
            XCTAssertEqual(broken.status, 502, broken.text)
            XCTAssertFalse(broken.text.contains("sk-first-half"), "the key must not reach the client: \(broken.text)")
            XCTAssertFalse(keyed.logs.all.joined(separator: "\n").contains("sk-first-half"), "nor the log")
            XCTAssertEqual(upstream.recorded.count, before, "no request with an injected header was sent")
        } catch {
            XCTFail("\(error)")
        }
        try await keyed.stop()
    }

    func testAnUpstreamResponseWithAmbiguousUsageIsNotPassedOn() async throws {
        upstream.script(model: "claude-up-1", .json(status: 200, body: #"{"id":"msg_1","type":"message","role":"assistant","model":"claude-up-1","content":[{"type":"text","text":"hi"}],"stop_reason":"end_turn","usage":{"input_tokens":5,"output_tokens":3,"output_tokens":0}}"#))
        let reply = try await router.send("/v1/messages", json: Bodies.anthropic(model: "claude-x"))
        XCTAssertEqual(reply.status, 502, reply.text)
        XCTAssertTrue(reply.errorMessage.contains("output_tokens"), reply.errorMessage)
    }
}
