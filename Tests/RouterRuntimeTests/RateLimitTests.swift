import RouteModel
import Synchronization
import XCTest
@testable import RouterRuntime

/// A clock the test moves by hand.
private final class ManualClock: Sendable {
    private let reading = Mutex(Duration.zero)

    var limiterClock: LimiterClock { LimiterClock { [self] in reading.withLock { $0 } } }

    func advance(_ step: Duration) { reading.withLock { $0 += step } }
}

/// A number shared by concurrent test tasks.
private final class Tally: Sendable {
    private let count = Mutex(0)

    var value: Int { count.withLock { $0 } }

    func update(_ body: (inout Int) -> Void) { count.withLock { body(&$0) } }
}

private func client(_ name: String, rpm: Int? = nil, tpm: Int? = nil, maxConcurrent: Int? = nil) -> ClientSpec {
    ClientSpec(name: name, keySHA256: [UInt8](repeating: 0, count: 32), rpm: rpm, tpm: tpm, maxConcurrent: maxConcurrent, models: [])
}

private func provider(_ name: String, maxConcurrency: Int?) -> ProviderSpec {
    ProviderSpec(
        name: name, preset: nil, wireProtocol: .openai, baseURL: "http://127.0.0.1:1", auth: .none, keyEnv: [],
        models: [], quirks: ProviderQuirks(), maxConcurrency: maxConcurrency
    )
}

final class RateLimitTests: XCTestCase {
    func testRequestsPerMinuteAllowsABurstThenRefusesWithRetryAfter() throws {
        let clock = ManualClock()
        let limiter = ClientRateLimiter(clients: [client("laptop", rpm: 60)], clock: clock.limiterClock)
        for _ in 0..<60 { XCTAssertNoThrow(try limiter.admit(client: "laptop").get().finish()) }
        guard case .failure(let rejection) = limiter.admit(client: "laptop") else { return XCTFail("61st request admitted") }
        XCTAssertEqual(rejection.limit, .requestsPerMinute)
        XCTAssertEqual(rejection.configured, 60)
        XCTAssertEqual(rejection.retryAfterSeconds, 1)
        XCTAssertTrue(rejection.message.contains("60 requests per minute"))
        clock.advance(.seconds(1))
        XCTAssertNoThrow(try limiter.admit(client: "laptop").get().finish())
        XCTAssertThrowsError(try limiter.admit(client: "laptop").get())
    }

    func testSustainedRateMatchesTheConfiguredRateAndRecovers() throws {
        let clock = ManualClock()
        let limiter = ClientRateLimiter(clients: [client("ci", rpm: 120)], clock: clock.limiterClock)
        var admitted = 0
        var refused = 0
        // Five minutes of a caller trying every 50 ms (1,200 a minute, ten times the limit).
        for _ in 0..<(5 * 60 * 20) {
            switch limiter.admit(client: "ci") {
            case .success(let permit):
                admitted += 1
                permit.finish()
            case .failure(let rejection):
                refused += 1
                XCTAssertEqual(rejection.retryAfterSeconds, 1)
            }
            clock.advance(.milliseconds(50))
        }
        // A full bucket of 120 plus 120 a minute for five minutes.
        XCTAssertEqual(Double(admitted), 720, accuracy: 2)
        XCTAssertEqual(admitted + refused, 6000)
        // After a quiet minute the whole burst is available again.
        clock.advance(.seconds(60))
        var burst = 0
        while case .success(let permit) = limiter.admit(client: "ci") {
            burst += 1
            permit.finish()
        }
        XCTAssertEqual(burst, 120)
    }

    func testConcurrencyGateFreesSlotsOnFinishAndOnDrop() throws {
        let limiter = ClientRateLimiter(clients: [client("desk", maxConcurrent: 2)], clock: ManualClock().limiterClock)
        let first = try limiter.admit(client: "desk").get()
        var second: RateLimitPermit? = try limiter.admit(client: "desk").get()
        XCTAssertNotNil(second)
        guard case .failure(let rejection) = limiter.admit(client: "desk") else { return XCTFail("third request admitted") }
        XCTAssertEqual(rejection.limit, .concurrentRequests)
        XCTAssertEqual(rejection.retryAfterSeconds, 1)
        first.finish()
        first.finish()  // a second finish must not free another slot
        XCTAssertEqual(limiter.inFlight(client: "desk"), 1)
        let third = try limiter.admit(client: "desk").get()
        XCTAssertEqual(limiter.inFlight(client: "desk"), 2)
        second = nil  // dropped without finishing, as on an early error
        XCTAssertEqual(limiter.inFlight(client: "desk"), 1)
        third.finish()
        XCTAssertEqual(limiter.inFlight(client: "desk"), 0)
    }

    func testTokensPerMinuteAreChargedAfterTheResponse() throws {
        let clock = ManualClock()
        let limiter = ClientRateLimiter(clients: [client("batch", rpm: 1000, tpm: 1000)], clock: clock.limiterClock)
        // A request is let in with budget left, whatever it will cost.
        try limiter.admit(client: "batch").get().finish(tokensUsed: 1500)
        guard case .failure(let rejection) = limiter.admit(client: "batch") else { return XCTFail("admitted while in debt") }
        XCTAssertEqual(rejection.limit, .tokensPerMinute)
        // 500 tokens of debt at 1000 a minute: 30 seconds.
        XCTAssertEqual(rejection.retryAfterSeconds, 30)
        clock.advance(.seconds(29))
        XCTAssertThrowsError(try limiter.admit(client: "batch").get())
        clock.advance(.seconds(2))
        XCTAssertNoThrow(try limiter.admit(client: "batch").get().finish(tokensUsed: 10))
        limiter.charge(client: "batch", tokensUsed: 5000)
        XCTAssertThrowsError(try limiter.admit(client: "batch").get())
    }

    func testARefusedRequestTakesNothing() throws {
        let clock = ManualClock()
        let limiter = ClientRateLimiter(clients: [client("one", rpm: 2, maxConcurrent: 1)], clock: clock.limiterClock)
        let first = try limiter.admit(client: "one").get()
        for _ in 0..<5 { XCTAssertThrowsError(try limiter.admit(client: "one").get()) }
        first.finish()
        // The refused attempts took no request token: the second of two is still there.
        XCTAssertNoThrow(try limiter.admit(client: "one").get().finish())
        XCTAssertThrowsError(try limiter.admit(client: "one").get())
    }

    func testClientsWithoutLimitsAndUnknownNamesAreNeverLimited() throws {
        let limiter = ClientRateLimiter(clients: [client("free"), client("capped", rpm: 1)], clock: ManualClock().limiterClock)
        var permits: [RateLimitPermit] = []
        for _ in 0..<10_000 {
            permits.append(try limiter.admit(client: "free").get())
            permits.append(try limiter.admit(client: "-").get())
        }
        XCTAssertEqual(permits.count, 20_000)
        XCTAssertNoThrow(try limiter.admit(client: "capped").get())
        XCTAssertThrowsError(try limiter.admit(client: "capped").get())
    }

    func testProviderCapsLimitRequestsInFlight() throws {
        let limiter = ProviderConcurrencyLimiter(providers: [provider("local", maxConcurrency: 2), provider("glm", maxConcurrency: nil)])
        let a = try limiter.acquire(provider: "local").get()
        let b = try limiter.acquire(provider: "local").get()
        guard case .failure(let rejection) = limiter.acquire(provider: "local") else { return XCTFail("cap exceeded") }
        XCTAssertEqual(rejection.limit, .providerConcurrency)
        XCTAssertEqual(rejection.subject, "local")
        XCTAssertEqual(limiter.inFlight(provider: "local"), 2)
        a.finish()
        XCTAssertNoThrow(try limiter.acquire(provider: "local").get().finish())
        b.finish()
        XCTAssertEqual(limiter.inFlight(provider: "local"), 0)
        for _ in 0..<1000 { XCTAssertNoThrow(try limiter.acquire(provider: "glm").get()) }
    }

    func testConcurrentAdmissionsNeverExceedTheGate() async throws {
        let limiter = ClientRateLimiter(clients: [client("swarm", maxConcurrent: 8)])
        let peak = Tally()
        let admitted = Tally()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<400 {
                group.addTask {
                    guard case .success(let permit) = limiter.admit(client: "swarm") else { return }
                    admitted.update { $0 += 1 }
                    let now = limiter.inFlight(client: "swarm")
                    peak.update { $0 = max($0, now) }
                    await Task.yield()
                    permit.finish()
                }
            }
        }
        XCTAssertLessThanOrEqual(peak.value, 8)
        XCTAssertGreaterThan(admitted.value, 0)
        XCTAssertEqual(limiter.inFlight(client: "swarm"), 0)
    }
}

/// `/metrics` text from the facade (kept in this file: it is the one this developer owns in
/// the folder).
final class RouterMetricsTests: XCTestCase {
    func testExpositionCarriesRequestsHistogramsAndGauges() {
        let metrics = RouterMetrics()
        metrics.requestFinished(route: "smart", target: "glm/glm-4.6", status: 200, duration: .milliseconds(820), timeToFirstToken: .milliseconds(90))
        metrics.requestFinished(route: "smart", target: "glm/glm-4.6", status: 200, duration: .seconds(3), timeToFirstToken: nil)
        metrics.requestFinished(route: "-", target: "ds/deepseek-v4-pro", status: 504, duration: .seconds(31), timeToFirstToken: nil)
        metrics.upstreamAttempt(target: "kimi/kimi-k2.5", status: 429)
        metrics.fallbacks(route: "smart")
        metrics.tokens(target: "glm/glm-4.6", kind: "output", 300)
        metrics.tokens(target: "glm/glm-4.6", kind: "output", 200)
        metrics.cooldownsActive(3)
        let text = String(decoding: metrics.exposition(), as: UTF8.self)
        let lines = Set(text.split(separator: "\n").map(String.init))
        XCTAssertTrue(lines.contains(#"claude_router_requests_total{route="smart",target="glm/glm-4.6",status="200"} 2"#), text)
        XCTAssertTrue(lines.contains(#"claude_router_requests_total{route="-",target="ds/deepseek-v4-pro",status="504"} 1"#), text)
        XCTAssertTrue(lines.contains(#"claude_router_request_duration_seconds_count{route="smart",target="glm/glm-4.6"} 2"#), text)
        XCTAssertTrue(lines.contains(#"claude_router_request_duration_seconds_bucket{route="smart",target="glm/glm-4.6",le="1.0"} 1"#), text)
        XCTAssertTrue(lines.contains(#"claude_router_time_to_first_token_seconds_count{route="smart",target="glm/glm-4.6"} 1"#), text)
        XCTAssertTrue(lines.contains(#"claude_router_upstream_attempts_total{target="kimi/kimi-k2.5",status="429"} 1"#), text)
        XCTAssertTrue(lines.contains(#"claude_router_fallbacks_total{route="smart"} 1"#), text)
        XCTAssertTrue(lines.contains(#"claude_router_tokens_total{target="glm/glm-4.6",kind="output"} 500"#), text)
        XCTAssertTrue(lines.contains("claude_router_cooldowns_active 3.0") || lines.contains("claude_router_cooldowns_active 3"), text)
        XCTAssertTrue(lines.contains("# TYPE claude_router_request_duration_seconds histogram"), text)
    }
}
