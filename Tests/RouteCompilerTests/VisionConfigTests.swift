import Foundation
import RouteCompiler
import RouteModel
import XCTest

/// `vision:` on a provider model: the catalog marks text-only models `vision: false`, routes.yaml
/// may override it, an unlisted model is assumed to read images, and a non-boolean is positioned.
final class VisionConfigTests: XCTestCase {
    static let catalog = """
    version: 1
    presets:
      glm:
        protocol: openai
        base_url: https://open.bigmodel.cn/api/paas/v4
        auth: bearer
        key_env: GLM_API_KEY
        models:
          glm-4.6: {max_output_tokens: 131072, vision: false}
          glm-4.5v: {max_output_tokens: 16384}
    """

    private func compile(_ routes: String) -> RouteTableCompiler.Result {
        RouteTableCompiler.compile(
            routes: SourceFile(path: "routes.yaml", text: routes), catalog: SourceFile(path: "catalog.yaml", text: Self.catalog)
        )
    }

    func testThePresetMarksTextOnlyModelsAndRoutesOverrideIt() throws {
        let result = compile("""
        version: 1
        providers:
          glm:
            preset: glm
            models:
              glm-4.5v: {vision: false}
          local:
            protocol: openai
            base_url: http://127.0.0.1:11434/v1
            auth: none
            models:
              qwen3-coder:30b: {vision: false}
              llava: ~
        """)
        XCTAssertFalse(result.hasErrors, "\(result.diagnostics)")
        let providers = try XCTUnwrap(result.table?.providers)
        XCTAssertFalse(providers[0].canSeeImages("glm-4.6"))
        XCTAssertFalse(providers[0].canSeeImages("glm-4.5v"), "routes.yaml overrides the preset")
        XCTAssertEqual(providers[0].maxOutputTokens(of: "glm-4.5v"), 16384, "the preset's cap stays")
        XCTAssertFalse(providers[1].canSeeImages("qwen3-coder:30b"))
        XCTAssertTrue(providers[1].canSeeImages("llava"))
        XCTAssertTrue(providers[1].canSeeImages("not-listed"), "an unlisted model is assumed to read images")
        let source = try XCTUnwrap(result.files["CompiledRoutes.swift"])
        XCTAssertTrue(source.contains(#"ModelInfo(id: "glm-4.6", maxOutputTokens: 131072, vision: false)"#), source)
        XCTAssertTrue(source.contains(#"ModelInfo(id: "llava", maxOutputTokens: nil)"#), source)
    }

    func testRoutesCanTurnVisionBackOn() throws {
        let result = compile("""
        version: 1
        providers:
          glm:
            preset: glm
            models:
              glm-4.6: {vision: true}
        """)
        XCTAssertFalse(result.hasErrors, "\(result.diagnostics)")
        XCTAssertTrue(try XCTUnwrap(result.table?.providers.first).canSeeImages("glm-4.6"))
    }

    func testANonBooleanVisionIsPositioned() {
        assertReports(compile("""
        version: 1
        providers:
          glm:
            preset: glm
            models:
              glm-4.6: {vision: maybe}
        """), [(6, 25, "vision of model 'glm-4.6'")])
    }

    func testEveryShippedPresetStillCompilesWithItsVisionMarks() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let catalog = try String(contentsOf: root.appendingPathComponent("routes/catalog.yaml"), encoding: .utf8)
        func provider(_ preset: String) throws -> ProviderSpec {
            let routes = "version: 1\nproviders:\n  p:\n    preset: \(preset)\n"
            let result = RouteTableCompiler.compile(routes: SourceFile(path: "routes.yaml", text: routes), catalog: SourceFile(path: "catalog.yaml", text: catalog))
            XCTAssertFalse(result.hasErrors, "\(preset): \(result.diagnostics)")
            return try XCTUnwrap(result.table?.providers.first, preset)
        }
        XCTAssertFalse(try provider("zai").canSeeImages("glm-4.6"))
        XCTAssertFalse(try provider("deepseek").canSeeImages("deepseek-v4-pro"))
        XCTAssertFalse(try provider("minimax").canSeeImages("MiniMax-M2"))
        XCTAssertFalse(try provider("dashscope").canSeeImages("qwen3-coder-plus"))
        XCTAssertTrue(try provider("dashscope").canSeeImages("qwen3-vl-plus"))
        XCTAssertTrue(try provider("anthropic").canSeeImages("claude-sonnet-4-5"))
    }

    func testRouteCompilerDiffWordsAVisionChange() throws {
        func table(_ vision: Bool) throws -> RouteTable {
            try RouteTableCompiler.compileTable(
                routesYAML: "version: 1\nproviders:\n  glm:\n    preset: glm\n    models: {glm-4.5v: {vision: \(vision)}}\n",
                catalogYAML: Self.catalog
            )
        }
        let words = RoutingDiff.words(RoutingDiff.between(old: try table(true), new: try table(false)))
        XCTAssertTrue(words.contains("`glm-4.5v` no longer reads images (vision: false)"), words)
        let back = RoutingDiff.words(RoutingDiff.between(old: try table(false), new: try table(true)))
        XCTAssertTrue(back.contains("`glm-4.5v` now reads images"), back)
    }
}
