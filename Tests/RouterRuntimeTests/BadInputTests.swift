import XCTest

/// Issue 3's "Bad input" list: each gets the right status in the caller's format, and the
/// router keeps serving after all of them.
final class BadInputTests: XCTestCase {
    var upstream: TestUpstream!
    var router: RouterHarness!

    override func setUp() async throws {
        upstream = try await TestUpstream.start()
        router = try await RouterHarness.start(
            yaml: RouterHarness.yaml(upstreamPort: upstream.port, limits: "  max_body: 4096")
        )
    }

    override func tearDown() async throws {
        try await router.stop()
        upstream.stop()
    }

    /// An Anthropic error object with the given status and type.
    private func assertAnthropicError(_ reply: RouterHarness.Reply, status: Int, type: String, mentions: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(reply.status, status, reply.text, file: file, line: line)
        XCTAssertEqual(reply.json["type"] as? String, "error", reply.text, file: file, line: line)
        XCTAssertEqual(reply.errorType, type, reply.text, file: file, line: line)
        XCTAssertTrue(reply.errorMessage.contains(mentions), reply.errorMessage, file: file, line: line)
        let requestID = reply.json["request_id"] as? String
        XCTAssertNotNil(requestID, file: file, line: line)
        XCTAssertEqual(reply.header("request-id"), requestID, file: file, line: line)
        XCTAssertNotNil(reply.header("x-router-target"), file: file, line: line)
        XCTAssertNotNil(reply.header("x-router-attempts"), file: file, line: line)
    }

    func testEveryBadInputAndTheServerKeepsServing() async throws {
        assertAnthropicError(try await router.send("/v1/messages", json: #"{"model": "claude-x", "max_tokens": 5,"#),
                             status: 400, type: "invalid_request_error", mentions: "not valid JSON")
        assertAnthropicError(try await router.send("/v1/messages", json: "hello"),
                             status: 400, type: "invalid_request_error", mentions: "not valid JSON")
        assertAnthropicError(try await router.send("/v1/messages", json: #"{"model":"claude-x","max_tokens":5,"messages":"hi"}"#),
                             status: 400, type: "invalid_request_error", mentions: "messages")
        assertAnthropicError(try await router.send("/v1/messages", json: #"{"model":"claude-x","max_tokens":-3,"messages":[]}"#),
                             status: 400, type: "invalid_request_error", mentions: "max_tokens")
        assertAnthropicError(try await router.send("/v1/messages", json: #"{"max_tokens":5,"messages":[]}"#),
                             status: 400, type: "invalid_request_error", mentions: "model")
        assertAnthropicError(try await router.send("/v1/messages", json: #"[1,2]"#),
                             status: 400, type: "invalid_request_error", mentions: "object")
        assertAnthropicError(try await router.send("/v1/messages", json: Bodies.anthropic(model: "llama-9")),
                             status: 404, type: "not_found_error", mentions: "GET /v1/models")
        let big = Bodies.anthropic(model: "claude-x", extra: #","pad":""# + String(repeating: "x", count: 8000) + "\"")
        assertAnthropicError(try await router.send("/v1/messages", json: big),
                             status: 413, type: "request_too_large", mentions: "4096")
        assertAnthropicError(try await router.send("/v1/messages", headers: [("content-type", "application/json")], json: Bodies.anthropic(model: "claude-x")),
                             status: 401, type: "authentication_error", mentions: "missing API key")
        assertAnthropicError(try await router.send("/v1/messages", headers: RouterHarness.anthropicHeaders(key: "nope"), json: Bodies.anthropic(model: "claude-x")),
                             status: 401, type: "authentication_error", mentions: "invalid API key")

        let refused = try await router.send("/v1/messages", json: Bodies.anthropic(model: "deadalias"))
        assertAnthropicError(refused, status: 502, type: "api_error", mentions: "could not be reached")
        // The one target is retried with backoff until its cooldown starts (3 failures).
        XCTAssertEqual(refused.header("x-router-attempts"), "dead/claude-dead:502,dead/claude-dead:502,dead/claude-dead:502")
        XCTAssertEqual(refused.header("x-router-target"), "dead/claude-dead")

        upstream.script(model: "claude-up-1", .json(status: 502, body: "<html><body><h1>502 Bad Gateway</h1></body></html>", contentType: "text/html"))
        let html = try await router.send("/v1/messages", json: Bodies.anthropic(model: "anthro"))
        assertAnthropicError(html, status: 502, type: "api_error", mentions: "502 Bad Gateway")
        XCTAssertEqual(html.header("x-router-attempts"), "up-anthropic/claude-up-1:502,up-anthropic/claude-up-1:502,up-anthropic/claude-up-1:502")
        XCTAssertEqual(html.header("content-type"), "application/json")

        let events = TestUpstream.anthropicEvents(model: "claude-up-2")
        upstream.script(model: "claude-up-2", .sse(events: Array(events.prefix(3)), cut: true))
        let cut = try await router.send("/v1/messages", json: Bodies.anthropic(model: "up-anthropic/claude-up-2", stream: true))
        XCTAssertTrue(cut.text.hasSuffix("}\n\n"))
        XCTAssertTrue(cut.text.contains("event: error\n"), cut.text)
        XCTAssertFalse(cut.text.contains("message_stop"))

        // Still serving, with keep-alive connections reused after all of the above.
        for _ in 0..<3 {
            let ok = try await router.send("/v1/messages", json: Bodies.anthropic(model: "up-anthropic/claude-up-3"))
            XCTAssertEqual(ok.status, 200, ok.text)
        }
        let health = try await router.send(.GET, "/healthz", headers: [])
        XCTAssertEqual(health.status, 200)
    }

    func testOpenAICallersGetOpenAIErrorObjects() async throws {
        let headers = RouterHarness.openAIHeaders()
        let bad = try await router.send("/v1/chat/completions", headers: headers, json: "{nope")
        XCTAssertEqual(bad.status, 400)
        XCTAssertNil(bad.json["type"])
        XCTAssertEqual(bad.errorType, "invalid_request_error")
        XCTAssertEqual((bad.json["error"] as? [String: Any])?["code"] as? String, "invalid_json")

        let unknown = try await router.send("/v1/chat/completions", headers: headers, json: Bodies.openAI(model: "llama-9"))
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual((unknown.json["error"] as? [String: Any])?["code"] as? String, "model_not_found")
        XCTAssertTrue(unknown.errorMessage.contains("GET /v1/models"))

        let unauthorized = try await router.send("/v1/chat/completions", headers: RouterHarness.openAIHeaders(key: "x"), json: Bodies.openAI(model: "gpt-x"))
        XCTAssertEqual(unauthorized.status, 401)
        XCTAssertEqual((unauthorized.json["error"] as? [String: Any])?["code"] as? String, "invalid_api_key")
    }

    func testUnknownPathAnswersInTheCallersFormat() async throws {
        let reply = try await router.send(.GET, "/v1/nothing-here", headers: [("anthropic-version", "2023-06-01")])
        XCTAssertEqual(reply.status, 404)
        XCTAssertEqual(reply.json["type"] as? String, "error")
        XCTAssertEqual(reply.errorType, "not_found_error")
    }
}
