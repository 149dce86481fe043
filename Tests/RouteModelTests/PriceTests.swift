import RouteModel
import XCTest

/// The cost arithmetic for each price shape the shipped presets use: cache reads and writes
/// (Anthropic, MiniMax), a cache-write multiplier, input-length tiers (DashScope, Gemini,
/// Anthropic long context), peak hours (DeepSeek) and separately billed reasoning. All in
/// integer picodollars: the expected values are exact.
final class PriceTests: XCTestCase {
    /// USD per million tokens → the compiled per-token rate.
    private func rate(_ usdPerMillion: String) -> Int64 {
        USDAmount(decimal: Array(usdPerMillion.utf8))!.picodollars / 1_000_000
    }

    private func rates(_ input: String, _ output: String, cacheRead: String? = nil, cacheWrite: String? = nil, reasoning: String? = nil) -> PriceRates {
        PriceRates(
            input: rate(input), output: rate(output), cacheRead: rate(cacheRead ?? input), cacheWrite: rate(cacheWrite ?? input),
            reasoning: reasoning.map(rate)
        )
    }

    private func usd(_ text: String) -> USDAmount { USDAmount(decimal: Array(text.utf8))! }

    /// 2026-12-07 (a Monday) at HH:MM UTC.
    private func monday(_ hour: Int, _ minute: Int = 0) -> Int64 {
        1_796_601_600_000 + Int64(hour * 3600 + minute * 60) * 1000
    }

    func testAmountsParseAndPrintExactly() {
        XCTAssertEqual(usd("0.003625").picodollars, 3_625_000_000)
        XCTAssertEqual(usd("12").decimalString, "12")
        XCTAssertEqual(usd("0.1").decimalString, "0.1")
        XCTAssertEqual(usd("2.5e-7").picodollars, 250_000)
        XCTAssertEqual(usd("-1.5").decimalString, "-1.5")
        XCTAssertEqual(USDAmount(picodollars: 1).decimalString, "0.000000000001")
        XCTAssertEqual(USDAmount(picodollars: 123_456_789_000).decimalString, "0.123456789")
        XCTAssertNil(USDAmount(decimal: Array("0.0000000000001".utf8)), "finer than a picodollar")
        XCTAssertNotNil(USDAmount(decimal: Array("0.0000000000010".utf8)), "trailing zeros are not finer")
        XCTAssertNil(USDAmount(decimal: Array("1.2.3".utf8)))
        XCTAssertNil(USDAmount(decimal: Array("abc".utf8)))
        XCTAssertNil(USDAmount(decimal: Array("99999999".utf8)), "beyond Int64 picodollars")
        // Ten thousand lines of an odd price still sum to the exact product.
        var total = USDAmount.zero
        for _ in 0..<10_000 { total += usd("0.000123456789") }
        XCTAssertEqual(total.decimalString, "1.23456789")
    }

    func testCacheReadsAndWritesAreBilledApart() {
        // MiniMax-M2: 0.3 in, 1.2 out, 0.03 cache read, 0.375 cache write.
        let price = ModelPrice(base: rates("0.3", "1.2", cacheRead: "0.03", cacheWrite: "0.375"))
        let tokens = BilledTokens(input: 1000, output: 500, cacheRead: 20_000, cacheWrite: 4000)
        // 1000×0.3 + 500×1.2 + 20000×0.03 + 4000×0.375 = 300 + 600 + 600 + 1500 micro-USD = 0.003 USD
        XCTAssertEqual(price.cost(of: tokens, atEpochMilliseconds: monday(12)), usd("0.003"))
    }

    func testACacheWriteMultiplierPricesWritesFromInput() {
        // Claude Haiku 4.5: 1 in, 5 out, 0.1 read, writes 1.25 × input.
        let price = ModelPrice(base: rates("1", "5", cacheRead: "0.1", cacheWrite: "1.25"))
        let tokens = BilledTokens(input: 3, output: 7, cacheRead: 11, cacheWrite: 13)
        // 3 + 35 + 1.1 + 16.25 = 55.35 micro-USD
        XCTAssertEqual(price.cost(of: tokens, atEpochMilliseconds: 0), usd("0.00005535"))
    }

    func testInputLengthTiersLookAtTheWholePrompt() {
        // qwen3-coder-plus: ≤32K 1/5, >32K 1.8/9, >128K 3/15, >256K 6/60; cache reads 20 %.
        let price = ModelPrice(base: rates("1", "5", cacheRead: "0.2"), tiers: [
            PriceTier(aboveInputTokens: 32000, rates: rates("1.8", "9", cacheRead: "0.36")),
            PriceTier(aboveInputTokens: 128_000, rates: rates("3", "15", cacheRead: "0.6")),
            PriceTier(aboveInputTokens: 256_000, rates: rates("6", "60", cacheRead: "1.2")),
        ])
        XCTAssertEqual(price.cost(of: BilledTokens(input: 32000, output: 100), atEpochMilliseconds: 0), usd("0.0325"))
        // 1,000 uncached + 31,001 cached = 32,001 prompt tokens: the second tier, cached reads included.
        XCTAssertEqual(
            price.cost(of: BilledTokens(input: 1000, output: 100, cacheRead: 31001), atEpochMilliseconds: 0),
            usd("0.01386036")  // 1000×1.8 + 100×9 + 31001×0.36 = 1800 + 900 + 11160.36 micro-USD
        )
        XCTAssertEqual(price.cost(of: BilledTokens(input: 200_000, output: 1000), atEpochMilliseconds: 0), usd("0.615"))
        XCTAssertEqual(price.cost(of: BilledTokens(input: 300_000, output: 1000), atEpochMilliseconds: 0), usd("1.86"))
    }

    func testPeakHoursOnWeekdaysOnly() {
        // deepseek-v4-pro: off-peak 0.66/1.98/0.022, peak (01-04, 06-10 UTC, weekdays) 1.32/3.96/0.044.
        let hours = PeakHours(windows: [.init(startMinute: 60, endMinute: 240), .init(startMinute: 360, endMinute: 600)], weekdaysOnly: true)
        let price = ModelPrice(
            base: rates("0.66", "1.98", cacheRead: "0.022"),
            peak: PeakPricing(hours: hours, rates: rates("1.32", "3.96", cacheRead: "0.044"))
        )
        let tokens = BilledTokens(input: 1_000_000, output: 1_000_000, cacheRead: 1_000_000)
        XCTAssertEqual(price.cost(of: tokens, atEpochMilliseconds: monday(0, 59)), usd("2.662"))
        XCTAssertEqual(price.cost(of: tokens, atEpochMilliseconds: monday(1)), usd("5.324"))
        XCTAssertEqual(price.cost(of: tokens, atEpochMilliseconds: monday(3, 59)), usd("5.324"))
        XCTAssertEqual(price.cost(of: tokens, atEpochMilliseconds: monday(4)), usd("2.662"))
        XCTAssertEqual(price.cost(of: tokens, atEpochMilliseconds: monday(9, 30)), usd("5.324"))
        let saturday = monday(9, 30) - 2 * 86_400_000
        XCTAssertEqual(price.cost(of: tokens, atEpochMilliseconds: saturday), usd("2.662"), "weekends are off-peak")
        XCTAssertEqual(price.cost(of: tokens, atEpochMilliseconds: saturday + 86_400_000), usd("2.662"), "Sunday too")
        XCTAssertEqual(price.cost(of: tokens, atEpochMilliseconds: saturday - 86_400_000), usd("5.324"), "Friday is a weekday")
    }

    func testAWindowOverMidnightWraps() {
        let hours = PeakHours(windows: [.init(startMinute: 22 * 60, endMinute: 2 * 60)], weekdaysOnly: false)
        XCTAssertTrue(hours.contains(epochMilliseconds: monday(23)))
        XCTAssertTrue(hours.contains(epochMilliseconds: monday(1, 59)))
        XCTAssertFalse(hours.contains(epochMilliseconds: monday(2)))
        let allDay = PeakHours(windows: [.init(startMinute: 0, endMinute: 1440)], weekdaysOnly: false)
        XCTAssertTrue(allDay.contains(epochMilliseconds: monday(23, 59)))
    }

    func testReasoningBilledApartIsTakenOutOfOutput() {
        let price = ModelPrice(base: rates("1", "4", reasoning: "2"))
        // 100 output tokens of which 60 reasoning: 40×4 + 60×2 = 280 micro-USD, plus 10 input.
        XCTAssertEqual(price.cost(of: BilledTokens(input: 10, output: 100, reasoning: 60), atEpochMilliseconds: 0), usd("0.00029"))
        // Without a reasoning rate, reasoning is output like any other.
        let plain = ModelPrice(base: rates("1", "4"))
        XCTAssertEqual(plain.cost(of: BilledTokens(input: 10, output: 100, reasoning: 60), atEpochMilliseconds: 0), usd("0.00041"))
    }
}
