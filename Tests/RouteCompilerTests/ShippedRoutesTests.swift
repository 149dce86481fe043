import Foundation
import RouteCompiler
import RouteModel
import XCTest

/// The routes that ship (routes/routes.yaml with routes/catalog.yaml) compile cleanly and route
/// Claude Code's requests as the file's comments promise.
final class ShippedRoutesTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func compileShipped() throws -> RouteTableCompiler.Result {
        func source(_ path: String) throws -> SourceFile {
            SourceFile(path: path, text: try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8))
        }
        return RouteTableCompiler.compile(routes: try source("routes/routes.yaml"), catalog: try source("routes/catalog.yaml"))
    }

    private func decide(_ model: String, text: String = "", image: Bool = false, seed: UInt64 = 1) throws -> (RouteTable, RouteDecision) {
        let table = try XCTUnwrap(try Self.compileShipped().table).makeRouteTable()
        var state = seed
        let decision = try XCTUnwrap(RouteDecider(table: table).decide(
            model: model, features: RequestFeatures(latestUserText: SystemReminder.strip(text), hasImage: image),
            choose: RouteDecider.randomChooser { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 11 }
        ))
        return (table, decision)
    }

    func testCompilesWithoutErrorsOrWarnings() throws {
        let result = try Self.compileShipped()
        XCTAssertEqual(result.diagnostics.map(\.description), [])
    }

    func testTheCommittedGeneratedTableMatches() throws {
        let result = try Self.compileShipped()
        let committed = try String(contentsOf: Self.root.appendingPathComponent("generated/CompiledRoutes.swift"), encoding: .utf8)
        XCTAssertEqual(result.files["CompiledRoutes.swift"], committed, "generated/ is stale: run `swift run route-compiler`")
    }

    func testEveryExampleCompilesCleanly() throws {
        let catalog = SourceFile(path: "routes/catalog.yaml", text: try String(contentsOf: Self.root.appendingPathComponent("routes/catalog.yaml"), encoding: .utf8))
        let examples = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("routes/examples").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertGreaterThanOrEqual(examples.count, 3)
        for example in examples {
            let path = "routes/examples/\(example)"
            let routes = SourceFile(path: path, text: try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8))
            let result = RouteTableCompiler.compile(routes: routes, catalog: catalog)
            XCTAssertEqual(result.diagnostics.map(\.description), [], path)
        }
    }

    func testEveryPresetIsUsableByName() throws {
        let catalog = try String(contentsOf: Self.root.appendingPathComponent("routes/catalog.yaml"), encoding: .utf8)
        for preset in ["anthropic", "zhipu-anthropic", "zai-anthropic", "zhipu", "zai", "minimax", "minimax-cn", "minimax-openai",
                       "modelscope", "dashscope", "dashscope-intl", "dashscope-anthropic", "qwen-code", "moonshot",
                       "moonshot-anthropic", "deepseek", "deepseek-anthropic", "openrouter", "openrouter-anthropic",
                       "siliconflow", "ark", "gemini-openai", "openai"] {
            let routes = "version: 1\nproviders:\n  p:\n    preset: \(preset)\n"
            let result = RouteTableCompiler.compile(routes: SourceFile(path: "routes.yaml", text: routes), catalog: SourceFile(path: "catalog.yaml", text: catalog))
            XCTAssertFalse(result.hasErrors, "\(preset): \(result.diagnostics)")
            XCTAssertFalse(result.table?.providers.first?.models.isEmpty ?? true, "\(preset) brings model ids")
        }
    }

    func testAHaikuRequestGoesToTheFastCombo() throws {
        let (table, decision) = try decide("claude-haiku-4-5-20251001")
        XCTAssertEqual(decision.resolution, .route(0, .combo(try XCTUnwrap(table.combos.firstIndex { $0.name == "fast" }))))
        XCTAssertTrue(decision.firedRules.isEmpty)
        XCTAssertEqual(decision.picks.count, 1)
        XCTAssertTrue(decision.attempts.map(\.name).contains("glm/glm-4.5-air"))
    }

    func testASonnetRequestGoesToTheSmartComboByWeight() throws {
        let (table, decision) = try decide("claude-sonnet-4-5-20250929", text: "fix the failing test")
        let smart = try XCTUnwrap(table.combos.firstIndex { $0.name == "smart" })
        XCTAssertEqual(decision.resolution, .route(1, .combo(smart)))
        XCTAssertTrue(decision.firedRules.isEmpty)
        let members = table.combos[smart].members.map { table.targets[$0.target].name }
        XCTAssertTrue(members.contains(decision.attempts[0].name))
        XCTAssertEqual(Set(decision.attempts.prefix(members.count).map(\.name)), Set(members), "every member is tried before the fallback chain")
        XCTAssertEqual(Set(decision.attempts.map(\.name)).count, decision.attempts.count, "no target twice")
    }

    func testARuleKeywordSwitchesToTheDeepCombo() throws {
        let (table, decision) = try decide("claude-sonnet-4-5", text: "请深度思考：why does this deadlock?")
        XCTAssertEqual(decision.firedRules.map(\.keyword), ["深度思考"])
        let deep = try XCTUnwrap(table.combos.first { $0.name == "deep" })
        XCTAssertTrue(deep.members.map { table.targets[$0.target].name }.contains(decision.attempts[0].name))
    }

    func testAKeywordInsideASystemReminderDoesNotFire() throws {
        let (_, decision) = try decide("claude-sonnet-4-5", text: "<system-reminder>ultrathink</system-reminder>hello")
        XCTAssertTrue(decision.firedRules.isEmpty)
    }

    func testAnImageGoesToTheVisionModel() throws {
        let (_, decision) = try decide("claude-opus-4-1", image: true)
        XCTAssertEqual(decision.attempts.first?.name, "qwen/qwen3-vl-plus")
    }
}
