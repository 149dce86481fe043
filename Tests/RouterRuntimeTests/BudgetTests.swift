import Foundation
import RouteModel
import Synchronization
@testable import RouterRuntime
import UsageLog
import XCTest

/// Client budgets over UTC days and calendar months, with a hand-stepped clock: refusals once
/// spent, Retry-After to the next reset, the reset itself across day, month and year
/// boundaries, warnings once per window, and the spend rebuilt from usage lines.
final class BudgetTests: XCTestCase {
    /// A wall clock the test moves by hand.
    final class ManualClock: Sendable {
        let now: Mutex<Int64>
        init(_ start: Int64) { now = Mutex(start) }
        func set(_ value: Int64) { now.withLock { $0 = value } }
        var clock: WallClock { WallClock { [self] in now.withLock { $0 } } }
    }

    private func usd(_ text: String) -> USDAmount { USDAmount(decimal: Array(text.utf8))! }

    private func at(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Int64 {
        UTCTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second).epochMilliseconds
    }

    private func client(_ name: String, daily: String?, monthly: String?, warnAt: Int64? = nil) -> ClientSpec {
        ClientSpec(
            name: name, keySHA256: Array(repeating: 0, count: 32), rpm: nil, tpm: nil, maxConcurrent: nil, models: [Glob("*")],
            budget: ClientBudget(daily: daily.map(usd), monthly: monthly.map(usd), warnAtMillionths: warnAt)
        )
    }

    func testADailyBudgetRefusesOnceSpentAndResetsAtUTCMidnight() throws {
        let clock = ManualClock(at(2026, 12, 7, 23, 0))
        let book = BudgetBook(clients: [client("tiny", daily: "0.01", monthly: nil)], clock: clock.clock)
        XCTAssertNil(book.refusal(client: "tiny"))
        book.charge(client: "tiny", cost: usd("0.006"), startedAt: at(2026, 12, 7, 22, 59))
        XCTAssertNil(book.refusal(client: "tiny"), "under the limit")
        // The request that crosses the limit was let in before it ran out: it is charged in full.
        book.charge(client: "tiny", cost: usd("0.006"), startedAt: at(2026, 12, 7, 22, 59, 30))
        let refusal = try XCTUnwrap(book.refusal(client: "tiny"))
        XCTAssertEqual(refusal.window, .daily)
        XCTAssertEqual(refusal.spent, usd("0.012"))
        XCTAssertEqual(refusal.retryAfterSeconds, 3600, "an hour to UTC midnight")
        XCTAssertTrue(refusal.message.hasPrefix("budget_exceeded: "), refusal.message)
        XCTAssertTrue(refusal.message.contains("2026-12-08T00:00:00.000Z"), refusal.message)
        clock.set(at(2026, 12, 7, 23, 59, 59) + 1)
        XCTAssertEqual(book.refusal(client: "tiny")?.retryAfterSeconds, 1)
        clock.set(at(2026, 12, 8))
        XCTAssertNil(book.refusal(client: "tiny"), "a new UTC day")
        XCTAssertEqual(book.spent(client: "tiny")?.today, .zero)
        XCTAssertEqual(book.spent(client: "tiny")?.thisMonth, usd("0.012"), "the month keeps counting")
    }

    func testAMonthlyBudgetHoldsAcrossDaysAndResetsOnTheFirst() throws {
        let clock = ManualClock(at(2026, 11, 30, 20))
        let book = BudgetBook(clients: [client("team", daily: "5", monthly: "1")], clock: clock.clock)
        book.charge(client: "team", cost: usd("1"), startedAt: at(2026, 11, 30, 19))
        let refusal = try XCTUnwrap(book.refusal(client: "team"))
        XCTAssertEqual(refusal.window, .monthly)
        XCTAssertEqual(refusal.retryAfterSeconds, 4 * 3600, "to 2026-12-01T00:00Z")
        clock.set(at(2026, 12, 1))
        XCTAssertNil(book.refusal(client: "team"), "December starts from zero")

        // December 31st to January 1st crosses a year.
        clock.set(at(2026, 12, 31, 12))
        book.charge(client: "team", cost: usd("1.5"), startedAt: at(2026, 12, 31, 11))
        XCTAssertEqual(book.refusal(client: "team")?.retryAfterSeconds, 12 * 3600)
        clock.set(at(2027, 1, 1))
        XCTAssertNil(book.refusal(client: "team"))
    }

    func testARequestStartedInTheLastWindowIsNotChargedToTheNewDay() {
        let clock = ManualClock(at(2026, 12, 8, 0, 0, 5))
        let book = BudgetBook(clients: [client("c", daily: "1", monthly: "10")], clock: clock.clock)
        // Started at 23:59:50 yesterday, finished after midnight: yesterday's and this month's.
        book.charge(client: "c", cost: usd("2"), startedAt: at(2026, 12, 7, 23, 59, 50))
        XCTAssertNil(book.refusal(client: "c"))
        XCTAssertEqual(book.spent(client: "c")?.thisMonth, usd("2"))
        // Started on the last day of November: December is not charged at all.
        clock.set(at(2026, 12, 1, 0, 0, 1))
        let december = BudgetBook(clients: [client("c", daily: "1", monthly: "1")], clock: clock.clock)
        december.charge(client: "c", cost: usd("2"), startedAt: at(2026, 11, 30, 23, 59))
        XCTAssertNil(december.refusal(client: "c"))
    }

    func testWarningsFireOncePerWindowAtTheChosenFraction() {
        let clock = ManualClock(at(2026, 12, 7, 10))
        let book = BudgetBook(clients: [client("w", daily: "1", monthly: "2", warnAt: 800_000)], clock: clock.clock)
        XCTAssertEqual(book.charge(client: "w", cost: usd("0.79"), startedAt: at(2026, 12, 7, 10)), [])
        XCTAssertEqual(book.charge(client: "w", cost: usd("0.01"), startedAt: at(2026, 12, 7, 10)).map(\.window), [.daily])
        XCTAssertEqual(book.charge(client: "w", cost: usd("0.1"), startedAt: at(2026, 12, 7, 10)), [], "once per day")
        clock.set(at(2026, 12, 8, 10))
        XCTAssertEqual(book.charge(client: "w", cost: usd("0.7"), startedAt: at(2026, 12, 8, 10)).map(\.window), [.monthly])
        XCTAssertEqual(book.charge(client: "w", cost: usd("0.1"), startedAt: at(2026, 12, 8, 10)).map(\.window), [.daily])
    }

    func testClientsWithoutABudgetAreNeverRefused() {
        let book = BudgetBook(clients: [], clock: ManualClock(0).clock)
        XCTAssertTrue(book.isEmpty)
        XCTAssertEqual(book.charge(client: "anyone", cost: usd("1000"), startedAt: 0), [])
        XCTAssertNil(book.refusal(client: "anyone"))
    }

    func testSpendIsRebuiltFromTheUsageLinesOfTheCurrentDayAndMonth() throws {
        let now = at(2026, 12, 7, 15)
        let aggregate = UsageAggregate()
        func line(_ client: String, _ ts: Int64, _ cost: String?) -> UsageRecord {
            UsageRecord(
                timestampMilliseconds: ts, requestID: UUID().uuidString, client: client, inbound: .anthropic, modelRequested: "m",
                target: "p/m", status: 200, inputTokens: 10, outputTokens: 1, costUSD: cost.map(usd), durationMilliseconds: 5
            )
        }
        aggregate.add(contentsOf: [
            line("tiny", at(2026, 12, 7, 1), "0.004"),
            line("tiny", at(2026, 12, 7, 14, 59), "0.007"),
            line("tiny", at(2026, 12, 6, 23), "0.5"),       // yesterday: the month only
            line("tiny", at(2026, 11, 30, 23), "9"),        // last month: nothing
            line("tiny", at(2026, 12, 7, 2), nil),          // unpriced: nothing
            line("other", at(2026, 12, 7, 2), "3"),
        ])
        let book = BudgetBook(clients: [client("tiny", daily: "0.01", monthly: "100")], clock: ManualClock(now).clock)
        book.rebuild(from: aggregate)
        let spent = try XCTUnwrap(book.spent(client: "tiny"))
        XCTAssertEqual(spent.today, usd("0.011"))
        XCTAssertEqual(spent.thisMonth, usd("0.511"))
        XCTAssertEqual(book.refusal(client: "tiny")?.window, .daily)
    }
}
