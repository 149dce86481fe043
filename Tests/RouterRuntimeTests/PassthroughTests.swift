import Foundation
import XCTest

/// Same-format relaying: bodies go upstream as sent (only `model` changes), answers come back
/// as the upstream sent them, with the routing headers.
final class PassthroughTests: XCTestCase {
    var upstream: TestUpstream!
    var router: RouterHarness!

    override func setUp() async throws {
        upstream = try await TestUpstream.start()
        router = try await RouterHarness.start(yaml: RouterHarness.yaml(upstreamPort: upstream.port))
    }

    override func tearDown() async throws {
        try await router.stop()
        upstream.stop()
    }

    func testUnknownFieldsSurviveByteForByteWithOnlyTheModelChanged() async throws {
        // A real Claude Code body plus fields the router has never heard of, in odd spacing (names
        // the capture does not use already: a repeated key would be refused).
        var body = try Bodies.claudeCodeFixture()
        let extra = #", "future_management" : {"edits":[{"type":"clear_tool_uses_20250919"}]},"future_config":{"effort":"high","x":[1,2,{"y":null}]}"#
        body.removeLast()  // the closing brace
        body += Array(extra.utf8) + Array("}".utf8)
        let sent = String(decoding: body, as: UTF8.self)
        let model = try XCTUnwrap(sent.firstRange(of: #""model":"claude-opus-5-5""#))

        let reply = try await router.send(.POST, "/v1/messages?beta=true", body: body)

        XCTAssertEqual(reply.status, 200, reply.text)
        let recorded = try XCTUnwrap(upstream.recorded.last)
        let expected = sent.replacingCharacters(in: model, with: #""model":"claude-up-1""#)
        XCTAssertEqual(String(decoding: recorded.body, as: UTF8.self), expected)
        XCTAssertEqual(recorded.path, "/v1/messages")
        XCTAssertEqual(recorded.query, "beta=true")
        // Claude Code streams: the upstream's events come back as they were sent.
        XCTAssertEqual(reply.text, TestUpstream.anthropicEvents(model: "claude-up-1").joined())
        XCTAssertEqual(reply.header("x-router-target"), "up-anthropic/claude-up-1")
        XCTAssertEqual(reply.header("x-router-attempts"), "up-anthropic/claude-up-1:200")
        XCTAssertNotNil(reply.header("request-id"))
    }

    func testTargetNamedDirectlyKeepsTheBodyUntouched() async throws {
        let body = Bodies.anthropic(model: "up-anthropic/claude-up-2")
        let reply = try await router.send("/v1/messages", json: body)
        XCTAssertEqual(reply.status, 200, reply.text)
        let recorded = try XCTUnwrap(upstream.recorded.last)
        XCTAssertEqual(String(decoding: recorded.body, as: UTF8.self), Bodies.anthropic(model: "claude-up-2"))
        XCTAssertEqual(reply.header("x-router-target"), "up-anthropic/claude-up-2")
    }

    func testOpenAINonStreamingPassthrough() async throws {
        let reply = try await router.send("/v1/chat/completions", headers: RouterHarness.openAIHeaders(), json: Bodies.openAI(model: "gpt-4o"))
        XCTAssertEqual(reply.status, 200, reply.text)
        // The client's model name comes back, as it does from a translated response.
        XCTAssertEqual(reply.text, TestUpstream.openAIMessage(model: "gpt-4o"))
        let recorded = try XCTUnwrap(upstream.recorded.last)
        XCTAssertEqual(recorded.path, "/v1/chat/completions")
        XCTAssertEqual(String(decoding: recorded.body, as: UTF8.self), Bodies.openAI(model: "gpt-up-1"))
        XCTAssertEqual(reply.header("x-router-target"), "up-openai/gpt-up-1")
    }

    func testUpstreamClientErrorIsReturnedWithItsStatusAndMessageAndNotRetried() async throws {
        upstream.script(model: "claude-up-2", .json(status: 400, body: #"{"type":"error","error":{"type":"invalid_request_error","message":"prompt is malformed"}}"#))
        let reply = try await router.send("/v1/messages", json: Bodies.anthropic(model: "resilient"))
        XCTAssertEqual(reply.status, 400)
        XCTAssertEqual(reply.errorType, "invalid_request_error")
        XCTAssertTrue(reply.errorMessage.contains("prompt is malformed"), reply.errorMessage)
        XCTAssertEqual(reply.header("x-router-attempts"), "up-anthropic/claude-up-2:400")
        XCTAssertEqual(upstream.recorded.count, 1)
    }

    func testRetryableFailuresMoveToTheNextAttempt() async throws {
        for failure: TestUpstream.Reply in [
            .json(status: 529, body: #"{"type":"error","error":{"type":"overloaded_error","message":"busy"}}"#),
            .json(status: 429, body: #"{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}"#),
            .json(status: 401, body: #"{"type":"error","error":{"type":"authentication_error","message":"bad key"}}"#),
            .sse(events: ["event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}\n\n"]),
        ] {
            upstream.script(model: "claude-up-2", failure)
            let reply = try await router.send("/v1/messages", json: Bodies.anthropic(model: "resilient", stream: true))
            XCTAssertEqual(reply.status, 200, reply.text)
            XCTAssertEqual(reply.header("x-router-target"), "up-anthropic/claude-up-3")
            let attempts = try XCTUnwrap(reply.header("x-router-attempts"))
            XCTAssertTrue(attempts.hasPrefix("up-anthropic/claude-up-2:"), attempts)
            XCTAssertTrue(attempts.hasSuffix(",up-anthropic/claude-up-3:200"), attempts)
            XCTAssertTrue(reply.text.contains("event: message_stop"), reply.text)
        }
    }

    func testConnectionRefusedMovesToTheNextAttempt() async throws {
        let reply = try await router.send("/v1/messages", json: Bodies.anthropic(model: "unreachable-first"))
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.header("x-router-attempts"), "dead/claude-dead:502,up-anthropic/claude-up-1:200")
    }

    func testCountTokensIsForwardedToAnAnthropicProvider() async throws {
        let body = #"{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"hi"}]}"#
        let reply = try await router.send("/v1/messages/count_tokens", json: body)
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.text, #"{"input_tokens":42}"#)
        XCTAssertEqual(upstream.recorded.last?.path, "/v1/messages/count_tokens")
    }

    func testCountTokensIsEstimatedForAnOpenAIProvider() async throws {
        let body = #"{"model":"oai","messages":[{"role":"user","content":"hello there, how are you today?"}]}"#
        let reply = try await router.send("/v1/messages/count_tokens", json: body)
        XCTAssertEqual(reply.status, 200, reply.text)
        let tokens = try XCTUnwrap(reply.json["input_tokens"] as? Int)
        XCTAssertGreaterThan(tokens, 0)
        XCTAssertEqual(reply.header("x-router-target"), "router/estimate")
        XCTAssertTrue(upstream.recorded.isEmpty)
    }

    func testAnthropicCallerOnAnOpenAIProviderIsTranslatedBothWays() async throws {
        let reply = try await router.send("/v1/messages", json: Bodies.anthropic(model: "crossed"))
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.json["type"] as? String, "message")
        XCTAssertEqual(reply.json["model"] as? String, "crossed")
        let content = try XCTUnwrap(reply.json["content"] as? [[String: Any]])
        XCTAssertEqual(content.first?["text"] as? String, "hello from upstream")
        XCTAssertEqual(reply.header("x-router-attempts"), "up-openai/gpt-up-1:200")
        let recorded = try XCTUnwrap(upstream.recorded.last)
        XCTAssertEqual(recorded.path, "/v1/chat/completions")
        let sent = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(recorded.body)) as? [String: Any])
        XCTAssertEqual(sent["model"] as? String, "gpt-up-1")
        XCTAssertNotNil(sent["messages"] as? [[String: Any]])
    }

    func testOneLogLinePerRequestWithoutSecrets() async throws {
        _ = try await router.send("/v1/messages", json: Bodies.anthropic(model: "claude-x"))
        _ = try await router.send("/v1/messages", headers: RouterHarness.anthropicHeaders(key: "wrong"), json: Bodies.anthropic(model: "claude-x"))
        let lines = router.logs.all.filter { $0.hasPrefix("request ") }
        XCTAssertEqual(lines.count, 2, lines.joined(separator: "\n"))
        XCTAssertTrue(lines[0].contains("client=tester"), lines[0])
        XCTAssertTrue(lines[0].contains("target=up-anthropic/claude-up-1"), lines[0])
        XCTAssertTrue(lines[0].contains("status=200"), lines[0])
        XCTAssertTrue(lines[1].contains("status=401"), lines[1])
        for line in router.logs.all {
            for secret in [RouterHarness.anthropicKey, RouterHarness.openAIKey, RouterHarness.clientKey] {
                XCTAssertFalse(line.contains(secret), line)
            }
        }
    }
}
