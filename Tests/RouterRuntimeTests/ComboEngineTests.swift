import Foundation
import RouteCompiler
import RouteModel
import XCTest
@testable import RouterRuntime

/// Issue 5 in process: cooldowns (skip, half-open probe, re-cool), the all-cooling answer,
/// Retry-After inside the deadline, session stickiness, rules that must not fire, missing
/// credentials, and the weighted split of the decision itself.
final class ComboEngineTests: XCTestCase {
    var upstream: TestUpstream!
    var router: RouterHarness!

    override func setUp() async throws {
        upstream = try await TestUpstream.start()
        router = try await RouterHarness.start(yaml: Self.yaml(port: upstream.port))
    }

    override func tearDown() async throws {
        try await router.stop()
        upstream.stop()
    }

    static func yaml(port: Int) -> String {
        """
        version: 1
        providers:
          p:
            protocol: anthropic
            base_url: http://127.0.0.1:\(port)
            keys: [env:TEST_ANTHROPIC_KEY]
            models: [m-first, m-second, m-solo, m-ra, m-s1, m-s2, m-kw, m-plain, m-think, m-tools, m-long, m-fast, m-img]
          capped:
            protocol: anthropic
            base_url: http://127.0.0.1:\(port)
            keys: [env:TEST_ANTHROPIC_KEY]
            models: [m-cap]
            max_concurrency: 1
          nokey:
            protocol: anthropic
            base_url: http://127.0.0.1:\(port)
            keys: [env:TEST_UNSET_KEY, env:TEST_UNSET_KEY_2]
            models: [m-nokey]
        models:
          pair:
            members: {p/m-first: 1}
            fallback: [p/m-second]
          solo: p/m-solo
          cap: capped/m-cap
          patient: p/m-ra
          sticky:
            members: {p/m-s1: 1, p/m-s2: 1}
            sticky: session
          ruled:
            members: {p/m-plain: 1}
            rules:
              - if: {keywords: [ultrathink]}
                use: p/m-kw
          keyless:
            members: {nokey/m-nokey: 1}
          conditions:
            members: {p/m-plain: 1}
            rules:
              - if: {thinking: true}
                use: p/m-think
              - if: {tools_include: [WebSearch, web_search]}
                use: p/m-tools
              - if: {input_tokens_over: 2000}
                use: p/m-long
              - if: {model: "cond-fast*"}
                use: p/m-fast
              - if: {image: true}
                use: p/m-img
          gated:
            members: {p/m-plain: 1}
            rules:
              - if: {image: true}
                use: nokey/m-nokey
        routes:
          "cond-*": conditions
        limits:
          cooldown_after_failures: 2
          cooldown: 300ms
          retry_backoff: 1ms
          max_attempts: 4
        """
    }

    private func ask(_ model: String, session: String? = nil, body: String? = nil) async throws -> RouterHarness.Reply {
        var headers = RouterHarness.anthropicHeaders()
        if let session { headers.append(("x-claude-code-session-id", session)) }
        return try await router.send("/v1/messages", headers: headers, json: body ?? Bodies.anthropic(model: model))
    }

    private static let failing = TestUpstream.Reply.json(status: 500, body: #"{"type":"error","error":{"type":"api_error","message":"boom"}}"#)
    private static func healthy(_ model: String) -> TestUpstream.Reply { .json(status: 200, body: TestUpstream.anthropicMessage(model: model)) }

    /// Waits out a cooldown of the test table (300 ms); polling a condition is not possible
    /// here, since looking would itself be the probe.
    private func waitForCooldown() async throws { try await Task.sleep(for: .milliseconds(400)) }

    func testCooldownSkipsThenProbesThenClears() async throws {
        upstream.script(model: "m-first", Self.failing)
        var reply = try await ask("pair")
        XCTAssertEqual(reply.header("x-router-attempts"), "p/m-first:500,p/m-second:200")
        reply = try await ask("pair")
        XCTAssertEqual(reply.header("x-router-attempts"), "p/m-first:500,p/m-second:200", "second failure: the threshold is reached")
        reply = try await ask("pair")
        XCTAssertEqual(reply.header("x-router-attempts"), "p/m-second:200", "cooling: the first member is skipped")
        XCTAssertEqual(reply.status, 200)

        try await waitForCooldown()
        reply = try await ask("pair")
        XCTAssertEqual(reply.header("x-router-attempts"), "p/m-first:500,p/m-second:200", "half-open: one probe")
        reply = try await ask("pair")
        XCTAssertEqual(reply.header("x-router-attempts"), "p/m-second:200", "a failed probe cools again at once")

        try await waitForCooldown()
        upstream.script(model: "m-first", Self.healthy("m-first"))
        reply = try await ask("pair")
        XCTAssertEqual(reply.header("x-router-attempts"), "p/m-first:200", "the probe succeeds")
        upstream.script(model: "m-first", Self.failing)
        reply = try await ask("pair")
        XCTAssertEqual(reply.header("x-router-attempts"), "p/m-first:500,p/m-second:200", "success cleared the count: one failure does not cool")
        reply = try await ask("pair")
        XCTAssertEqual(reply.header("x-router-attempts"), "p/m-first:500,p/m-second:200")
    }

    func testEverythingCoolingAnswers503WithTheTimeItClears() async throws {
        upstream.script(model: "m-solo", Self.failing)
        let first = try await ask("solo")
        XCTAssertEqual(first.status, 500)
        XCTAssertEqual(first.header("x-router-attempts"), "p/m-solo:500,p/m-solo:500", "retried once, then its cooldown began")

        let cooling = try await ask("solo")
        XCTAssertEqual(cooling.status, 503, cooling.text)
        XCTAssertEqual(cooling.errorType, "overloaded_error")
        XCTAssertTrue(cooling.errorMessage.contains("cooling down"), cooling.errorMessage)
        XCTAssertEqual(cooling.header("retry-after"), "1")
        XCTAssertEqual(cooling.header("x-router-attempts"), "-")
        XCTAssertEqual(upstream.recorded.count, 2, "nothing was sent while cooling")

        let openAI = try await router.send("/v1/chat/completions", headers: RouterHarness.openAIHeaders(), json: Bodies.openAI(model: "solo"))
        XCTAssertEqual(openAI.status, 503)
        XCTAssertEqual((openAI.json["error"] as? [String: Any])?["code"] as? String, "all_targets_cooling")
    }

    func testRetryAfterDelaysTheRetryOfThatKey() async throws {
        upstream.script(
            model: "m-ra",
            .json(status: 429, body: #"{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}"#, headers: ["retry-after": "1"]),
            Self.healthy("m-ra")
        )
        let reply = try await ask("patient")
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.header("x-router-attempts"), "p/m-ra:429,p/m-ra:200")
        let arrivals = upstream.recorded.map(\.arrived)
        XCTAssertEqual(arrivals.count, 2)
        // A lower bound only: the retry may come later on a loaded machine, never sooner.
        XCTAssertGreaterThanOrEqual(arrivals[1] - arrivals[0], .milliseconds(950))
    }

    func testStickySessionStaysOnOneMemberWhileItIsHealthy() async throws {
        var targets: [String] = []
        for _ in 0..<6 { targets.append(try await ask("sticky", session: "session-a").header("x-router-target") ?? "") }
        XCTAssertEqual(Set(targets).count, 1, "one session, one member: \(targets)")
        let pinned = try XCTUnwrap(targets.first)

        var unpinned: [String] = []
        for _ in 0..<4 { unpinned.append(try await ask("sticky").header("x-router-target") ?? "") }
        XCTAssertEqual(Set(unpinned), ["p/m-s1", "p/m-s2"], "without a session the weights rotate: \(unpinned)")

        // The pinned member fails twice (its cooldown starts): the session moves and stays moved.
        let pinnedModel = String(pinned.dropFirst("p/".count))
        upstream.script(model: pinnedModel, Self.failing)
        for _ in 0..<2 { _ = try await ask("sticky", session: "session-a") }
        var moved: [String] = []
        for _ in 0..<3 { moved.append(try await ask("sticky", session: "session-a").header("x-router-target") ?? "") }
        XCTAssertEqual(Set(moved).count, 1)
        XCTAssertNotEqual(moved.first, pinned)
    }

    func testKeywordsOnlyMatchTheUsersOwnWords() async throws {
        let toolResult = #"{"model":"ruled","max_tokens":64,"messages":[{"role":"user","content":"run it"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Bash","input":{"command":"cat notes"}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"the notes say ultrathink"},{"type":"text","text":"go on"}]}]}"#
        let inToolResult = try await ask("ruled", body: toolResult)
        XCTAssertEqual(inToolResult.header("x-router-target"), "p/m-plain", "a keyword inside a tool_result does not fire")
        let reminder = #"{"model":"ruled","max_tokens":64,"messages":[{"role":"user","content":[{"type":"text","text":"<system-reminder>ultrathink</system-reminder>"},{"type":"text","text":"what now?"}]}]}"#
        let inReminder = try await ask("ruled", body: reminder)
        XCTAssertEqual(inReminder.header("x-router-target"), "p/m-plain", "nor one inside a system reminder")
        let own = #"{"model":"ruled","max_tokens":64,"messages":[{"role":"user","content":"please ULTRATHINK about this"}]}"#
        let fromTheUser = try await ask("ruled", body: own)
        XCTAssertEqual(fromTheUser.header("x-router-target"), "p/m-kw")
        XCTAssertTrue(router.logs.all.contains { $0.contains("rule=ruled.rules[0] keyword=ultrathink") }, router.logs.all.joined(separator: "\n"))
    }

    func testProviderConcurrencyCapRefusesTheRequestOverIt() async throws {
        let gate = Gate()
        upstream.script(model: "m-cap", .stall(gate), Self.healthy("m-cap"))
        let router = self.router!
        let first = Task { try await router.send("/v1/messages", json: Bodies.anthropic(model: "cap")) }
        while upstream.recorded.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        let second = try await ask("cap")
        XCTAssertEqual(second.status, 429, second.text)
        XCTAssertEqual(second.errorType, "rate_limit_error")
        XCTAssertTrue(second.errorMessage.contains("Provider 'capped' already has 1 requests in flight"), second.errorMessage)
        XCTAssertEqual(second.header("retry-after"), "1")
        XCTAssertEqual(second.header("x-router-attempts"), Array(repeating: "capped/m-cap:429", count: 4).joined(separator: ","),
                       "retried within max_attempts, never sent upstream")
        XCTAssertEqual(upstream.recorded.count, 1)
        gate.open()
        let answered = try await first.value
        XCTAssertEqual(answered.status, 200)
        let after = try await ask("cap")
        XCTAssertEqual(after.status, 200, "the slot was given back")
    }

    /// Each `if:` condition, read from a real request body by the peek, routes as specified.
    func testEachConditionRoutesAsSpecified() async throws {
        func target(_ body: String) async throws -> String? { try await ask("", body: body).header("x-router-target") }
        let text = #"[{"role":"user","content":"hello"}]"#
        let plain = try await target(#"{"model":"cond-x","max_tokens":64,"messages":\#(text)}"#)
        XCTAssertEqual(plain, "p/m-plain")
        let thinking = try await target(#"{"model":"cond-x","max_tokens":2048,"thinking":{"type":"enabled","budget_tokens":1024},"messages":\#(text)}"#)
        XCTAssertEqual(thinking, "p/m-think")
        let tools = try await target(#"{"model":"cond-x","max_tokens":64,"tools":[{"name":"Bash","input_schema":{"type":"object"}},{"type":"web_search_20250305","name":"web_search"}],"messages":\#(text)}"#)
        XCTAssertEqual(tools, "p/m-tools")
        let long = String(repeating: "lorem ipsum dolor sit amet ", count: 600)
        let longBody = try await target(#"{"model":"cond-x","max_tokens":64,"messages":[{"role":"user","content":"\#(long)"}]}"#)
        XCTAssertEqual(longBody, "p/m-long")
        let fast = try await target(#"{"model":"cond-fast-1","max_tokens":64,"messages":\#(text)}"#)
        XCTAssertEqual(fast, "p/m-fast")
        let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
        let image = try await target(#"{"model":"cond-x","max_tokens":64,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"\#(png)"}},{"type":"text","text":"what is this?"}]}]}"#)
        XCTAssertEqual(image, "p/m-img")
        let openAIImage = try await router.send("/v1/chat/completions", headers: RouterHarness.openAIHeaders(), json: #"{"model":"cond-x","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,\#(png)"}}]}]}"#)
        XCTAssertEqual(openAIImage.header("x-router-target"), "p/m-img", "OpenAI callers are read the same way")
    }

    func testComboWithoutCredentialsNamesTheMissingVariables() async throws {
        let reply = try await ask("keyless")
        XCTAssertEqual(reply.status, 503, reply.text)
        XCTAssertTrue(reply.errorMessage.contains("TEST_UNSET_KEY, TEST_UNSET_KEY_2"), reply.errorMessage)
        XCTAssertTrue(upstream.recorded.isEmpty)
    }

    func testStartupWarnsAboutRulesAndCombosThatCannotServe() throws {
        let table = try RouteCompiler.compileTable(routesYAML: Self.yaml(port: 1))
        let warnings = TableSummary.warnings(for: table, environment: RouterHarness.environment)
        XCTAssertTrue(warnings.contains { $0.hasPrefix("warning: gated.rules[0]") && $0.contains("nokey/m-nokey without credentials") }, "\(warnings)")
        XCTAssertTrue(warnings.contains { $0.hasPrefix("warning: combo keyless has no member with credentials") && $0.contains("TEST_UNSET_KEY") }, "\(warnings)")
        XCTAssertFalse(warnings.contains { $0.contains("combo pair") })
    }

    /// The decision alone, 10,000 times, with the selector the server uses: the split is the
    /// weights' (smooth weighted round-robin is exact per cycle; ±2% is the issue's bound).
    func testWeightedSplitOverTenThousandDecisions() throws {
        let table = try RouteCompiler.compileTable(routesYAML: """
            version: 1
            providers:
              p: {protocol: anthropic, base_url: "http://127.0.0.1:1", keys: [env:K], models: [a, b, c]}
            models:
              split:
                members: {p/a: 5, p/b: 3, p/c: 2}
            """)
        let decider = RouteDecider(table: table)
        let selector = MemberSelector(table: table)
        var counts: [String: Int] = [:]
        for _ in 0..<10_000 {
            let decision = try XCTUnwrap(decider.decide(model: "split", features: RequestFeatures()) { combo, spec, features in
                selector.choose(combo: combo, spec: spec, sessionID: features.sessionID) { _ in true }
            })
            counts[decision.attempts[0].name, default: 0] += 1
            XCTAssertEqual(decision.attempts.count, 3, "the other members follow as fallbacks")
        }
        for (name, weight) in [("p/a", 0.5), ("p/b", 0.3), ("p/c", 0.2)] {
            XCTAssertEqual(Double(counts[name, default: 0]) / 10_000, weight, accuracy: 0.02, "\(counts)")
        }
    }
}
