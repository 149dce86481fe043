import Foundation
import RouteModel
import RouterRuntime
import XCTest

/// The combo engine's pure parts: member selection, cooldowns, Retry-After, backoff.
final class CombosTests: XCTestCase {
    static func table(weights: [Int], sticky: Bool = false) -> RouteTable {
        let provider = ProviderSpec(
            name: "p", preset: nil, wireProtocol: .openai, baseURL: "http://127.0.0.1:1", auth: .none, keyEnv: [],
            models: [], quirks: ProviderQuirks()
        )
        let targets = weights.indices.map { TargetSpec(provider: 0, model: "m\($0)", name: "p/m\($0)", maxOutputTokens: nil) }
        let combo = ComboSpec(
            name: "c", members: weights.enumerated().map { ComboSpec.Member(target: $0, weight: $1) },
            membersByWeight: Array(weights.indices), rules: [], fallback: [], keywords: nil,
            stickiness: sticky ? .session : .none
        )
        return RouteTable(
            inputsSHA256: "", providers: [provider], targets: targets, aliases: [], combos: [combo], routes: [],
            clients: [], limits: RouterLimits(), resolveExact: { _ in nil }, providerIndex: { _ in nil }
        )
    }

    func testSelectionFollowsTheWeightsWithinTwoPercentOver10kRequests() {
        let table = Self.table(weights: [3, 1, 2])
        let selector = MemberSelector(table: table)
        var counts = [0, 0, 0]
        for _ in 0 ..< 10_000 {
            counts[selector.choose(combo: 0, spec: table.combos[0], sessionID: nil, isUsable: { _ in true })] += 1
        }
        for (index, weight) in [3, 1, 2].enumerated() {
            XCTAssertEqual(Double(counts[index]) / 10_000, Double(weight) / 6, accuracy: 0.02, "\(counts)")
        }
    }

    func testUnusableMembersArePassedOverAndTheRestKeepTheirRatio() {
        let table = Self.table(weights: [3, 1, 2])
        let selector = MemberSelector(table: table)
        var counts = [0, 0, 0]
        for _ in 0 ..< 9_000 {
            counts[selector.choose(combo: 0, spec: table.combos[0], sessionID: nil, isUsable: { $0 != 0 })] += 1
        }
        XCTAssertEqual(counts[0], 0)
        XCTAssertEqual(Double(counts[2]) / Double(counts[1]), 2, accuracy: 0.05)
    }

    func testWhenNoMemberIsUsableTheRotationStillAnswers() {
        let table = Self.table(weights: [1, 1])
        let selector = MemberSelector(table: table)
        let picks = (0 ..< 4).map { _ in selector.choose(combo: 0, spec: table.combos[0], sessionID: nil, isUsable: { _ in false }) }
        XCTAssertEqual(Set(picks), [0, 1])
    }

    func testStickySessionsStayOnOneMemberWhileItIsUsable() {
        let table = Self.table(weights: [1, 1, 1], sticky: true)
        let selector = MemberSelector(table: table)
        let spec = table.combos[0]
        let first = selector.choose(combo: 0, spec: spec, sessionID: "s1", isUsable: { _ in true })
        for _ in 0 ..< 20 {
            XCTAssertEqual(selector.choose(combo: 0, spec: spec, sessionID: "s1", isUsable: { _ in true }), first)
        }
        let others = Set((0 ..< 30).map { selector.choose(combo: 0, spec: spec, sessionID: "other-\($0)", isUsable: { _ in true }) })
        XCTAssertEqual(others.count, 3, "different sessions spread over members")
        let moved = selector.choose(combo: 0, spec: spec, sessionID: "s1", isUsable: { $0 != first })
        XCTAssertNotEqual(moved, first, "an unhealthy member loses its session")
        XCTAssertEqual(selector.choose(combo: 0, spec: spec, sessionID: "s1", isUsable: { _ in true }), moved, "and the session stays on the new one")
    }

    func testSessionPinsAreBounded() {
        let table = Self.table(weights: [1, 1], sticky: true)
        let selector = MemberSelector(table: table, sessionCapacity: 2)
        let spec = table.combos[0]
        let a = selector.choose(combo: 0, spec: spec, sessionID: "a", isUsable: { _ in true })
        _ = selector.choose(combo: 0, spec: spec, sessionID: "b", isUsable: { _ in true })
        _ = selector.choose(combo: 0, spec: spec, sessionID: "c", isUsable: { _ in true })
        // "a" was forgotten: its next pick comes from the rotation, whatever it is; no crash, no growth.
        _ = selector.choose(combo: 0, spec: spec, sessionID: "a", isUsable: { _ in true })
        XCTAssertTrue([0, 1].contains(a))
    }

    // MARK: Cooldowns

    func testCooldownAfterThresholdThenOneProbeThenClear() {
        let book = CooldownBook(policy: .init(threshold: 2, cooldown: .seconds(30)))
        let key = CooldownBook.Key(provider: 0, model: "m", key: 0)
        let start = ContinuousClock.now
        book.recordFailure(key, retryAfter: nil, now: start)
        XCTAssertEqual(book.admit(key, now: start), .available, "one failure is below the threshold")
        book.recordFailure(key, retryAfter: nil, now: start)
        XCTAssertEqual(book.admit(key, now: start + .seconds(10)), .cooling(until: start + .seconds(30)))
        XCTAssertEqual(book.earliestClear(of: [key], now: start), start + .seconds(30))

        let later = start + .seconds(31)
        XCTAssertEqual(book.admit(key, now: later), .probe)
        if case .cooling = book.admit(key, now: later) {} else { XCTFail("a second caller waits for the probe") }
        book.recordSuccess(key)
        XCTAssertEqual(book.admit(key, now: later), .available)
    }

    func testAFailedProbeCoolsAgainAtOnce() {
        let book = CooldownBook(policy: .init(threshold: 3, cooldown: .seconds(5)))
        let key = CooldownBook.Key(provider: 1, model: "m", key: 2)
        let start = ContinuousClock.now
        for _ in 0 ..< 3 { book.recordFailure(key, retryAfter: nil, now: start) }
        XCTAssertEqual(book.admit(key, now: start + .seconds(6)), .probe)
        book.recordFailure(key, retryAfter: nil, now: start + .seconds(6))
        XCTAssertEqual(book.admit(key, now: start + .seconds(7)), .cooling(until: start + .seconds(11)))
    }

    func testRetryAfterCoolsAtOnceAndTheLaterDeadlineWins() {
        let book = CooldownBook(policy: .init(threshold: 3, cooldown: .seconds(5)))
        let key = CooldownBook.Key(provider: 0, model: "m", key: 0)
        let start = ContinuousClock.now
        book.recordFailure(key, retryAfter: .seconds(60), now: start)
        XCTAssertEqual(book.admit(key, now: start + .seconds(10)), .cooling(until: start + .seconds(60)))
        book.recordFailure(key, retryAfter: nil, now: start + .seconds(1))
        XCTAssertEqual(book.admit(key, now: start + .seconds(10)), .cooling(until: start + .seconds(60)), "re-cooling keeps the later deadline")
    }

    func testAKeyWideCooldownCoversEveryModel() {
        let book = CooldownBook(policy: .init(threshold: 1, cooldown: .seconds(30)))
        let start = ContinuousClock.now
        book.recordFailure(.init(provider: 0, model: nil, key: 1), retryAfter: nil, now: start)
        if case .cooling = book.admit(.init(provider: 0, model: "any", key: 1), now: start) {} else { XCTFail("key 1 cools for all models") }
        XCTAssertEqual(book.admit(.init(provider: 0, model: "any", key: 0), now: start), .available, "other keys of the pool are not cooled")
        XCTAssertEqual(book.coolingCount(now: start), 1)
    }

    // MARK: Retry-After and backoff

    func testRetryAfterSecondsAndHTTPDates() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        XCTAssertEqual(RetryAfter.delay("120", now: now), .seconds(120))
        XCTAssertEqual(RetryAfter.delay(" 0 ", now: now), .seconds(0))
        XCTAssertEqual(RetryAfter.delay("1.5", now: now), .milliseconds(1500))
        XCTAssertEqual(RetryAfter.delay("Tue, 14 Nov 2023 22:13:50 GMT", now: now), .seconds(30))
        XCTAssertEqual(RetryAfter.delay("Tuesday, 14-Nov-23 22:13:50 GMT", now: now), .seconds(30))
        XCTAssertEqual(RetryAfter.delay("Tue Nov 14 22:13:50 2023", now: now), .seconds(30))
        XCTAssertEqual(RetryAfter.delay("Mon, 13 Nov 2023 00:00:00 GMT", now: now), .zero, "a date in the past means now")
        XCTAssertNil(RetryAfter.delay("soon", now: now))
        XCTAssertNil(RetryAfter.delay("-3", now: now))
        XCTAssertNil(RetryAfter.delay(nil, now: now))
    }

    func testBackoffGrowsIsCappedAndNeverOutlivesTheRequest() {
        let backoff = Backoff(base: .milliseconds(250), cap: .seconds(2))
        XCTAssertEqual(backoff.delay(retry: 0, draw: 0.999_999, remaining: .seconds(60)), .milliseconds(250) * 0.999_999)
        XCTAssertEqual(backoff.delay(retry: 2, draw: 0.5, remaining: .seconds(60)), .milliseconds(500))
        XCTAssertEqual(backoff.delay(retry: 10, draw: 1, remaining: .seconds(60)), .seconds(2))
        XCTAssertEqual(backoff.delay(retry: 10, draw: 1, remaining: .milliseconds(300)), .milliseconds(300))
        XCTAssertEqual(backoff.delay(retry: 1, draw: 0, remaining: .seconds(60)), .zero)
    }
}
