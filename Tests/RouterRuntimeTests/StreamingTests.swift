import AsyncHTTPClient
import NIOCore
import XCTest

/// SSE relaying: events reach the client as the upstream sends them, and a stream that breaks
/// after the first byte ends with an error event, never a clean end.
final class StreamingTests: XCTestCase {
    var upstream: TestUpstream!
    var router: RouterHarness!

    override func setUp() async throws {
        upstream = try await TestUpstream.start()
        router = try await RouterHarness.start(
            yaml: RouterHarness.yaml(upstreamPort: upstream.port, limits: "  idle_timeout: 500ms")
        )
    }

    override func tearDown() async throws {
        try await router.stop()
        upstream.stop()
    }

    /// Reads the response body chunk by chunk until `marker` has arrived; returns what arrived.
    private func read(
        _ iterator: inout HTTPClientResponse.Body.AsyncIterator, until marker: String, into text: inout String
    ) async throws {
        while !text.contains(marker) {
            guard let chunk = try await iterator.next() else { return }
            text += String(buffer: chunk)
        }
    }

    private func openStream(path: String, headers: [(String, String)], body: String) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: router.base + path)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        return try await router.client.execute(request, timeout: .seconds(30))
    }

    func testFirstEventReachesTheClientBeforeTheUpstreamFinishes() async throws {
        let gate = Gate()
        upstream.script(model: "claude-up-1", .sse(events: TestUpstream.anthropicEvents(model: "claude-up-1"), gate: gate, gateBefore: 1))
        let response = try await openStream(
            path: "/v1/messages", headers: RouterHarness.anthropicHeaders(), body: Bodies.anthropic(model: "anthro", stream: true)
        )
        XCTAssertEqual(response.status.code, 200)
        XCTAssertEqual(response.headers.first(name: "content-type"), "text/event-stream")
        XCTAssertEqual(response.headers.first(name: "x-router-attempts"), "up-anthropic/claude-up-1:200")
        var iterator = response.body.makeAsyncIterator()
        var text = ""
        try await read(&iterator, until: "event: message_start", into: &text)
        // The upstream is still held at the gate: the client has the first event anyway.
        XCTAssertTrue(text.contains("event: message_start"))
        XCTAssertFalse(text.contains("content_block_start"))
        XCTAssertEqual(upstream.finishedStreams, 0)
        gate.open()
        try await read(&iterator, until: "\u{0}", into: &text)
        XCTAssertEqual(text, TestUpstream.anthropicEvents(model: "claude-up-1").joined())
        XCTAssertEqual(upstream.finishedStreams, 1)
    }

    func testOpenAIStreamPassesThroughWhole() async throws {
        let reply = try await router.send(
            "/v1/chat/completions", headers: RouterHarness.openAIHeaders(), json: Bodies.openAI(model: "gpt-x", stream: true)
        )
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.text, TestUpstream.openAIEvents(model: "gpt-up-1").joined())
    }

    func testAnthropicStreamCutMidwayEndsWithAnErrorEvent() async throws {
        let events = TestUpstream.anthropicEvents(model: "claude-up-1")
        // Three whole events, then half of one, then the connection drops.
        let partial = String(events[3].prefix(30))
        upstream.script(model: "claude-up-1", .sse(events: Array(events.prefix(3)) + [partial], cut: true))
        let reply = try await router.send("/v1/messages", json: Bodies.anthropic(model: "anthro", stream: true))
        XCTAssertEqual(reply.status, 200)
        XCTAssertTrue(reply.text.hasPrefix(events.prefix(3).joined()), reply.text)
        XCTAssertFalse(reply.text.contains("message_stop"))
        let tail = reply.text.dropFirst(events.prefix(3).joined().count)
        XCTAssertFalse(tail.contains(partial), "a partial event must not be forwarded")
        XCTAssertTrue(tail.hasPrefix("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\""), String(tail))
        XCTAssertTrue(tail.hasSuffix("}\n\n"), String(tail))
    }

    func testAnthropicStreamEndingWithoutMessageStopEndsWithAnErrorEvent() async throws {
        let events = TestUpstream.anthropicEvents(model: "claude-up-1")
        upstream.script(model: "claude-up-1", .sse(events: Array(events.prefix(4))))
        let reply = try await router.send("/v1/messages", json: Bodies.anthropic(model: "anthro", stream: true))
        XCTAssertTrue(reply.text.hasPrefix(events.prefix(4).joined()))
        XCTAssertTrue(reply.text.hasSuffix("}\n\n"))
        XCTAssertTrue(reply.text.contains("event: error\n"), reply.text)
    }

    func testOpenAIStreamCutEndsWithAnOpenAIErrorChunk() async throws {
        let events = TestUpstream.openAIEvents(model: "gpt-up-1")
        upstream.script(model: "gpt-up-1", .sse(events: Array(events.prefix(2)), cut: true))
        let reply = try await router.send(
            "/v1/chat/completions", headers: RouterHarness.openAIHeaders(), json: Bodies.openAI(model: "gpt-x", stream: true)
        )
        XCTAssertTrue(reply.text.hasPrefix(events.prefix(2).joined()))
        let tail = reply.text.dropFirst(events.prefix(2).joined().count)
        XCTAssertTrue(tail.hasPrefix("data: {\"error\":{\"message\":"), String(tail))
        XCTAssertFalse(reply.text.contains("[DONE]"))
    }

    func testStalledStreamEndsWithATimeoutErrorEvent() async throws {
        let gate = Gate()  // never opened: the upstream stalls after the first two events
        let events = TestUpstream.anthropicEvents(model: "claude-up-1")
        upstream.script(model: "claude-up-1", .sse(events: events, gate: gate, gateBefore: 2))
        let reply = try await router.send("/v1/messages", json: Bodies.anthropic(model: "anthro", stream: true))
        XCTAssertTrue(reply.text.hasPrefix(events.prefix(2).joined()))
        XCTAssertTrue(reply.text.contains("\"type\":\"timeout_error\""), reply.text)
        XCTAssertTrue(reply.text.contains("idle between chunks"), reply.text)
        gate.open()
    }

    func testClientDisconnectMidStreamCancelsTheUpstream() async throws {
        let events = TestUpstream.anthropicEvents(model: "claude-up-1")
        // After its first event the upstream writes deltas forever; only cancellation stops it.
        upstream.script(model: "claude-up-1", .endless(first: events[0], repeating: events[2]))
        let deltasSeen = Gate()
        let client = router.client
        let url = router.base + "/v1/messages"
        let reader = Task {
            let request = RouterHarness.request(url: url, json: Bodies.anthropic(model: "anthro", stream: true))
            let response = try await client.execute(request, timeout: .seconds(30))
            var signalled = false
            for try await chunk in response.body where !signalled && String(buffer: chunk).contains("text_delta") {
                deltasSeen.open()
                signalled = true
            }
        }
        await deltasSeen.wait()
        XCTAssertEqual(upstream.abortedStreams, 0)
        // Cancelling the reading task makes the client drop its connection to the router.
        reader.cancel()
        _ = await reader.result
        var polls = 0
        while upstream.abortedStreams == 0, polls < 400 {
            try await Task.sleep(for: .milliseconds(25))
            polls += 1
        }
        XCTAssertEqual(upstream.abortedStreams, 1, "the upstream request was not cancelled")
        // The router keeps serving.
        let reply = try await router.send("/v1/messages", json: Bodies.anthropic(model: "up-anthropic/claude-up-2"))
        XCTAssertEqual(reply.status, 200)
    }
}
