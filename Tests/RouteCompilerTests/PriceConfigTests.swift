import Foundation
import RouteCompiler
import RouteModel
import XCTest

/// Prices and budgets as `routes.yaml` and the catalog write them: the catalog prices every
/// preset's models, `routes.yaml` overrides or adds a price per provider model, and bad prices
/// and budgets are reported at `file:line:column`.
final class PriceConfigTests: XCTestCase {
    static let catalog = """
    version: 1
    presets:
      deepseek:
        protocol: openai
        base_url: https://api.deepseek.com
        auth: bearer
        key_env: DEEPSEEK_API_KEY
        models:
          deepseek-v4-pro: {max_output_tokens: 65536, price: {input: 0.66, output: 1.98, cache_read: 0.022}}
          deepseek-v4-flash: {max_output_tokens: 65536}
    """

    private func compile(_ routes: String) -> RouteTableCompiler.Result {
        RouteTableCompiler.compile(
            routes: SourceFile(path: "routes.yaml", text: routes), catalog: SourceFile(path: "catalog.yaml", text: Self.catalog)
        )
    }

    private func assertReports(_ routes: String, _ expected: [(line: Int, column: Int, message: String)], file: StaticString = #filePath, line: UInt = #line) {
        assertReports(compile(routes), expected, file: file, line: line)
    }

    func testEveryModelOfEveryShippedPresetHasAPrice() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let catalog = try String(contentsOf: root.appendingPathComponent("routes/catalog.yaml"), encoding: .utf8)
        let presets = catalog.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), line.hasSuffix(":") else { return nil }
            return String(line.dropFirst(2).dropLast())
        }
        XCTAssertGreaterThan(presets.count, 20)
        for preset in presets {
            let routes = "version: 1\nproviders:\n  p:\n    preset: \(preset)\n"
            let result = RouteTableCompiler.compile(routes: SourceFile(path: "routes.yaml", text: routes), catalog: SourceFile(path: "catalog.yaml", text: catalog))
            XCTAssertFalse(result.hasErrors, "\(preset): \(result.diagnostics)")
            for model in try XCTUnwrap(result.table?.providers.first?.models, preset) {
                // qwen-code is paid by the account's plan, not per token: documented as unpriced.
                if preset == "qwen-code" { XCTAssertNil(model.price); continue }
                XCTAssertNotNil(model.price, "\(preset)/\(model.id) has no price")
            }
        }
    }

    func testRoutesOverrideAPresetPriceAndAddOnes() throws {
        let result = compile("""
        version: 1
        providers:
          ds:
            preset: deepseek
            models:
              deepseek-v4-pro: {price: {input: 0.5, output: 1.5}}
              deepseek-v4-flash: {price: {input: 0.1, output: 0.2, cache_write_multiplier: 1.25}}
          local:
            protocol: openai
            base_url: http://127.0.0.1:11434/v1
            auth: none
            models:
              qwen3-coder:30b: {price: {input: 0, output: 0}}
        """)
        XCTAssertFalse(result.hasErrors, "\(result.diagnostics)")
        let providers = try XCTUnwrap(result.table?.providers)
        let pro = try XCTUnwrap(providers[0].price(of: "deepseek-v4-pro"))
        XCTAssertEqual(pro.base, PriceRates(input: 500_000, output: 1_500_000, cacheRead: 500_000, cacheWrite: 500_000))
        XCTAssertEqual(providers[0].maxOutputTokens(of: "deepseek-v4-pro"), 65536, "the preset's cap stays")
        XCTAssertEqual(providers[0].price(of: "deepseek-v4-flash")?.base.cacheWrite, 125_000)
        XCTAssertEqual(providers[1].price(of: "qwen3-coder:30b")?.base.output, 0)
        let source = try XCTUnwrap(result.files["CompiledRoutes.swift"])
        XCTAssertTrue(source.contains("price: ModelPrice(base: PriceRates(input: 500000, output: 1500000, cacheRead: 500000, cacheWrite: 500000))"), source)
    }

    func testTiersPeakAndBudgetsCompile() throws {
        let result = compile("""
        version: 1
        providers:
          ds:
            preset: deepseek
            models:
              deepseek-v4-pro:
                price:
                  input: 0.66
                  output: 1.98
                  peak: {hours_utc: ["01:00-04:00", "22:00-24:00"], weekdays_only: true, input: 1.32, output: 3.96}
              long-model:
                price:
                  input: 1
                  output: 5
                  tiers:
                    - {above_input_tokens: 32000, input: 1.8, output: 9}
        clients:
          - name: capped
            key_sha256: "\(String(repeating: "ab", count: 32))"
            budget: {daily_usd: 2.5, monthly_usd: 40, warn_at: 0.8}
        """)
        XCTAssertFalse(result.hasErrors, "\(result.diagnostics)")
        let table = try XCTUnwrap(result.table)
        let pro = try XCTUnwrap(table.providers[0].price(of: "deepseek-v4-pro"))
        XCTAssertEqual(pro.peak?.hours, PeakHours(windows: [.init(startMinute: 60, endMinute: 240), .init(startMinute: 1320, endMinute: 1440)], weekdaysOnly: true))
        XCTAssertEqual(table.providers[0].price(of: "long-model")?.tiers.map(\.aboveInputTokens), [32000])
        let budget = try XCTUnwrap(table.clients.first?.budget)
        XCTAssertEqual(budget, ClientBudget(daily: USDAmount(picodollars: 2_500_000_000_000), monthly: USDAmount(picodollars: 40_000_000_000_000), warnAtMillionths: 800_000))
        let source = try XCTUnwrap(result.files["CompiledRoutes.swift"])
        XCTAssertTrue(source.contains("budget: ClientBudget(daily: USDAmount(picodollars: 2500000000000), monthly: USDAmount(picodollars: 40000000000000), warnAtMillionths: 800000)"), source)
    }

    func testBadPricesArePositioned() {
        assertReports("""
        version: 1
        providers:
          ds:
            preset: deepseek
            models:
              a: {price: {input: -1, output: 2}}
              b: {price: {input: 0.0000006, output: 2}}
              c: {price: {input: "0.5", output: 2}}
              d: {price: {output: 2}}
              e: {price: {input: 1, ouput: 2}}
              f: {price: {input: 1, output: 2, unit: usd_per_token}}
              g: {price: {input: 1, output: 2, cache_write: 1, cache_write_multiplier: 1.25}}
              h: {price: {input: 1, output: 2, tiers: [{above_input_tokens: 100, input: 2, output: 3}, {above_input_tokens: 50, input: 3, output: 4}]}}
              i: {price: {input: 1, output: 2, peak: {hours_utc: ["25:00-26:00"], input: 2, output: 3}}}
              j: {price: {input: 1, output: 2, peak: {input: 2, output: 3}}}
        """, [
            (6, 26, "input of price of model 'a' of models of provider 'ds' must not be negative"),
            (7, 26, "has more than six decimals"),
            (8, 26, "must be a number (US dollars per million tokens)"),
            (9, 18, "needs input"),
            (10, 29, "unknown key 'ouput'"),
            (11, 46, "unit of price of model 'f'"),
            (12, 80, "has cache_write and cache_write_multiplier"),
            (13, 96, "ascending order of above_input_tokens"),
            (14, 59, "is not HH:MM-HH:MM"),
            (15, 46, "needs hours_utc"),
        ])
    }

    func testBadBudgetsArePositioned() {
        let hash = String(repeating: "cd", count: 32)
        assertReports("""
        version: 1
        clients:
          - name: a
            key_sha256: "\(hash)"
            budget: {daily_usd: 0}
          - name: b
            key_sha256: "\(String(repeating: "ef", count: 32))"
            budget: {weekly_usd: 3}
          - name: c
            key_sha256: "\(String(repeating: "01", count: 32))"
            budget: {daily_usd: 1, warn_at: 1.5}
          - name: d
            key_sha256: "\(String(repeating: "23", count: 32))"
            budget: {monthly_usd: ten}
        """, [
            (5, 25, "daily_usd of budget of client 'a' must be above 0"),
            (8, 14, "unknown key 'weekly_usd'"),
            (8, 13, "needs daily_usd: or monthly_usd:"),
            (11, 37, "warn_at of budget of client 'c' must be a fraction above 0 and at most 1"),
            (14, 27, "monthly_usd of budget of client 'd' must be a number of US dollars"),
        ])
    }
}
