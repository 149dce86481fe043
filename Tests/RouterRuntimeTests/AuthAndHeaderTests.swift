import XCTest

/// Client auth (keys, per-client model globs) and what crosses the router in headers.
final class AuthAndHeaderTests: XCTestCase {
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

    func testBearerKeyIsAcceptedLikeXAPIKey() async throws {
        let headers = [("authorization", "Bearer \(RouterHarness.clientKey)"), ("anthropic-version", "2023-06-01")]
        let reply = try await router.send("/v1/messages", headers: headers, json: Bodies.anthropic(model: "claude-x"))
        XCTAssertEqual(reply.status, 200, reply.text)
    }

    func testClientModelGlobsAreEnforced() async throws {
        let headers = RouterHarness.anthropicHeaders(key: RouterHarness.limitedClientKey)
        let forbidden = try await router.send("/v1/messages", headers: headers, json: Bodies.anthropic(model: "claude-x"))
        XCTAssertEqual(forbidden.status, 403)
        XCTAssertEqual(forbidden.errorType, "permission_error")
        XCTAssertTrue(upstream.recorded.isEmpty)
        let allowed = try await router.send(
            "/v1/chat/completions", headers: RouterHarness.openAIHeaders(key: RouterHarness.limitedClientKey),
            json: Bodies.openAI(model: "gpt-x")
        )
        XCTAssertEqual(allowed.status, 200, allowed.text)
    }

    func testAnthropicUpstreamGetsProviderKeyAndFilteredBetasButNoClientOrHopHeaders() async throws {
        let headers = [
            ("x-api-key", RouterHarness.clientKey),
            ("authorization", "Bearer \(RouterHarness.clientKey)"),
            ("anthropic-version", "2023-06-01"),
            ("anthropic-beta", "claude-code-20250219, rejected-beta-2025"),
            ("anthropic-beta", "interleaved-thinking-2025-05-14"),
            ("connection", "keep-alive, x-secret-hop"),
            ("x-secret-hop", "hop"),
            ("keep-alive", "timeout=5"),
            ("te", "trailers"),
            ("x-router-target", "forged"),
            ("accept-encoding", "gzip, br"),
            ("x-claude-code-session-id", "session-1"),
            ("user-agent", "claude-cli/2.1.332"),
        ]
        let reply = try await router.send("/v1/messages", headers: headers, json: Bodies.anthropic(model: "claude-x"))
        XCTAssertEqual(reply.status, 200, reply.text)
        let seen = try XCTUnwrap(upstream.recorded.last)
        XCTAssertEqual(seen.header("x-api-key"), RouterHarness.anthropicKey)
        XCTAssertNil(seen.header("authorization"))
        XCTAssertEqual(seen.header("anthropic-version"), "2023-06-01")
        XCTAssertEqual(seen.header("anthropic-beta"), "claude-code-20250219,interleaved-thinking-2025-05-14")
        for name in ["x-secret-hop", "keep-alive", "te", "x-router-target", "accept-encoding"] {
            XCTAssertNil(seen.header(name), name)
        }
        XCTAssertEqual(seen.header("x-claude-code-session-id"), "session-1")
        XCTAssertEqual(seen.header("user-agent"), "claude-cli/2.1.332")
        for (_, value) in seen.headers { XCTAssertFalse(value.contains(RouterHarness.clientKey)) }
    }

    func testOpenAIUpstreamGetsBearerAndNoAnthropicHeaders() async throws {
        let headers = RouterHarness.openAIHeaders() + [("anthropic-version", "2023-06-01"), ("anthropic-beta", "x")]
        let reply = try await router.send("/v1/chat/completions", headers: headers, json: Bodies.openAI(model: "gpt-x"))
        XCTAssertEqual(reply.status, 200, reply.text)
        let seen = try XCTUnwrap(upstream.recorded.last)
        XCTAssertEqual(seen.header("authorization"), "Bearer \(RouterHarness.openAIKey)")
        XCTAssertNil(seen.header("x-api-key"))
        XCTAssertNil(seen.header("anthropic-version"))
        XCTAssertNil(seen.header("anthropic-beta"))
    }

    func testAnthropicVersionIsAddedWhenTheClientSentNone() async throws {
        let reply = try await router.send(
            "/v1/messages", headers: [("x-api-key", RouterHarness.clientKey)], json: Bodies.anthropic(model: "claude-x")
        )
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(upstream.recorded.last?.header("anthropic-version"), "2023-06-01")
    }
}
