import RouteCompiler
import XCTest

/// Every kind of bad input is reported as `file:line:column: message`, all problems in one run,
/// and produces no output.
final class BadInputTests: XCTestCase {
    static let catalog = """
    version: 1
    presets:
      zhipu-anthropic:
        protocol: anthropic
        base_url: https://open.bigmodel.cn/api/anthropic
        auth: x-api-key
        key_env: GLM_API_KEY
        models: [glm-4.6, glm-4.5-air]
      deepseek:
        protocol: openai
        base_url: https://api.deepseek.com
        auth: bearer
        key_env: DEEPSEEK_API_KEY
        models: [deepseek-v4-pro]
    """

    private func compile(_ routes: String) -> RouteTableCompiler.Result {
        RouteTableCompiler.compile(
            routes: SourceFile(path: "routes.yaml", text: routes),
            catalog: SourceFile(path: "catalog.yaml", text: Self.catalog)
        )
    }

    /// Asserts the run failed, wrote nothing, and reported `expected` (line, column, message part).
    private func assertReports(
        _ routes: String, _ expected: [(line: Int, column: Int, message: String)], file: StaticString = #filePath, line: UInt = #line
    ) {
        assertReports(compile(routes), expected, file: file, line: line)
    }

    func testUnknownKeysSuggestTheClosestKnownOne() {
        assertReports("""
        version: 1
        providers:
          glm:
            preset: zhipu-anthropic
            base_ulr: https://example.com
        modles:
          fast: glm/glm-4.6
        """, [
            (5, 5, "unknown key 'base_ulr' in provider 'glm' (did you mean 'base_url'?)"),
            (6, 1, "unknown key 'modles' in the top level (did you mean 'models'?)"),
        ])
    }

    func testWrongTypes() {
        assertReports("""
        version: one
        providers:
          glm:
            preset: zhipu-anthropic
            max_concurrency: [1]
        models:
          smart:
            members: {glm/glm-4.6: heavy}
            rules: {if: {image: true}, use: glm/glm-4.6}
        limits:
          connect_timeout: soon
        """, [
            (1, 10, "version must be a whole number, found 'one'"),
            (5, 22, "max_concurrency of provider 'glm' must be a whole number"),
            (8, 28, "the weight of 'glm/glm-4.6' in combo 'smart' must be a whole number, found 'heavy'"),
            (9, 12, "rules of combo 'smart' must be a list, found a mapping"),
            (11, 20, "connect_timeout must be a duration such as 250ms, 10s or 2m, found 'soon'"),
        ])
    }

    func testUnknownPresetAndUnknownProvider() {
        assertReports("""
        version: 1
        providers:
          glm:
            preset: zhipu-antropic
          ds:
            preset: deepseek
        models:
          fast: dss/deepseek-v4-pro
        routes:
          "*": fast
        """, [
            (4, 13, "unknown preset 'zhipu-antropic' (did you mean 'zhipu-anthropic'?)"),
            (8, 9, "unknown provider 'dss' in 'dss/deepseek-v4-pro' (did you mean 'ds'?)"),
        ])
    }

    func testUnknownModelNames() {
        assertReports("""
        version: 1
        providers:
          ds:
            preset: deepseek
        models:
          smart:
            members: {ds/deepseek-v4-pro: 1}
            fallback: [smrt]
        routes:
          "*": smatr
        """, [
            (8, 16, "fallback of combo 'smart': unknown model 'smrt': not an alias, a combo or provider/model (did you mean 'smart'?)"),
            (10, 8, "route '*': unknown model 'smatr'"),
        ])
    }

    func testAliasAndComboCyclesAreReportedOnce() {
        let result = compile("""
        version: 1
        providers:
          ds:
            preset: deepseek
        models:
          a: b
          b: a
          one:
            members: {ds/deepseek-v4-pro: 1}
            fallback: [two]
          two:
            members: {ds/deepseek-v4-pro: 1}
            rules:
              - if: {image: true}
                use: one
        """)
        let cycles = result.diagnostics.filter { $0.message.hasPrefix("cycle:") }
        XCTAssertEqual(cycles.map(\.description), [
            "routes.yaml:7:6: error: cycle: a → b → a; a model may not lead back to itself",
            "routes.yaml:15:14: error: cycle: one → two → one; a model may not lead back to itself",
        ])
        XCTAssertTrue(result.files.isEmpty)
    }

    func testZeroAndNegativeWeights() {
        assertReports("""
        version: 1
        providers:
          ds:
            preset: deepseek
          glm:
            preset: zhipu-anthropic
        models:
          smart:
            members: {ds/deepseek-v4-pro: 0, glm/glm-4.6: -2}
        """, [
            (9, 35, "the weight of 'ds/deepseek-v4-pro' in combo 'smart' must be at least 1, found 0"),
            (9, 51, "the weight of 'glm/glm-4.6' in combo 'smart' must be at least 1, found -2"),
        ])
    }

    func testLiteralSecretsAreRefusedWithoutEchoingThem() {
        let result = compile("""
        version: 1
        providers:
          glm:
            preset: zhipu-anthropic
            keys: [sk-live-abcdef123456]
          corp:
            protocol: openai
            base_url: https://gw.example.com/v1
            keys: [env:CORP_KEY]
            headers:
              Authorization: Bearer sk-literal-999
        clients:
          - name: laptop
            key: my-client-key
        """)
        XCTAssertTrue(result.hasErrors)
        let text = result.diagnostics.map(\.description).joined(separator: "\n")
        XCTAssertTrue(text.contains("routes.yaml:5:12: error: each entry of keys of provider 'glm' must be env:NAME, not a literal value"), text)
        XCTAssertTrue(text.contains("routes.yaml:11:22: error: header 'Authorization' carries a credential"), text)
        XCTAssertTrue(text.contains("routes.yaml:13:5: error: a client names its key by hash only"), text)
        for secret in ["sk-live-abcdef123456", "sk-literal-999", "my-client-key"] {
            XCTAssertFalse(text.contains(secret), "a diagnostic echoed a secret")
        }
    }

    func testDuplicateNames() {
        assertReports("""
        version: 1
        providers:
          ds:
            preset: deepseek
        models:
          smart:
            members: [ds/deepseek-v4-pro, ds/deepseek-v4-pro]
        clients:
          - name: laptop
            key_sha256: "b5384f45e627a8306d77f37257bd7a375d5aa4f9dcc659416e92c9a0742cb16f"
          - name: laptop
            key_sha256: "0000000000000000000000000000000000000000000000000000000000000000"
        """, [
            (7, 35, "combo 'smart' lists 'ds/deepseek-v4-pro' twice"),
            (11, 11, "duplicate client name 'laptop'"),
        ])
    }

    func testDuplicateKeysInOneMappingArePositioned() {
        let result = compile("""
        version: 1
        providers:
          ds:
            preset: deepseek
          ds:
            preset: deepseek
        """)
        XCTAssertTrue(result.hasErrors)
        let error = result.diagnostics.first { $0.message.contains("duplicate name 'ds'") }
        XCTAssertNotNil(error, "\(result.diagnostics)")
        XCTAssertEqual(error?.location.file, "routes.yaml")
        XCTAssertGreaterThan(error?.location.line ?? 0, 1)
    }

    func testUnreachableRulesAndRoutesAreWarnings() {
        let result = compile("""
        version: 1
        providers:
          ds:
            preset: deepseek
          glm:
            preset: zhipu-anthropic
        models:
          smart:
            members: {ds/deepseek-v4-pro: 1}
            rules:
              - if: {keywords: [think]}
                use: glm/glm-4.6
              - if: {keywords: [ultrathink], image: true}
                use: glm/glm-4.5-air
              - if: {image: true}
                use: glm/glm-4.5-air
        routes:
          "claude-*": smart
          "claude-*haiku*": glm/glm-4.5-air
        """)
        XCTAssertFalse(result.hasErrors, "\(result.diagnostics)")
        let warnings = result.diagnostics.filter { $0.severity == .warning }.map(\.description)
        XCTAssertTrue(warnings.contains { $0.hasPrefix("routes.yaml:13:9: warning: unreachable rule in combo 'smart': rule 1 (line 11)") }, "\(warnings)")
        XCTAssertFalse(warnings.contains { $0.hasPrefix("routes.yaml:15:9:") }, "image-only rule is reachable: \(warnings)")
        XCTAssertTrue(warnings.contains { $0.hasPrefix("routes.yaml:19:3: warning: unreachable route 'claude-*haiku*'") }, "\(warnings)")
        XCTAssertFalse(result.files.isEmpty, "warnings still produce output")
    }

    func testModelsOutsideTheProvidersListWarn() {
        let result = compile("""
        version: 1
        providers:
          ds:
            preset: deepseek
        models:
          fast: ds/deepseek-v5
        """)
        XCTAssertFalse(result.hasErrors)
        XCTAssertTrue(result.diagnostics.contains {
            $0.severity == .warning && $0.location.line == 6 && $0.message.contains("'deepseek-v5' is not among the models provider 'ds' lists")
        }, "\(result.diagnostics)")
    }

    func testMissingKeysAndRequiredProviderFields() {
        assertReports("""
        version: 1
        providers:
          corp:
            protocol: openai
          local:
            base_url: localhost:11434
            auth: none
          bare:
            protocol: anthropic
            base_url: https://example.com
        """, [
            (3, 3, "provider 'corp' needs base_url: or a preset:"),
            (6, 15, "base_url of provider 'local' must start with http:// or https://"),
            (8, 3, "provider 'bare' needs keys: [env:NAME] (or auth: none for a local model)"),
        ])
    }

    func testAllProblemsAreReportedInOneRun() {
        let result = compile("""
        version: 1
        providers:
          glm:
            preset: nope
        models:
          fast: ghost/model
          smart:
            members: {fast: 0}
        routes:
          "*": missing
        """)
        XCTAssertGreaterThanOrEqual(result.diagnostics.filter { $0.severity == .error }.count, 4, "\(result.diagnostics)")
        XCTAssertEqual(result.diagnostics, result.diagnostics.sorted { $0.location < $1.location }, "reported in file order")
    }

    func testInvalidYAMLIsPositioned() {
        let result = compile("version: 1\nproviders:\n  glm: [unclosed\n")
        XCTAssertTrue(result.hasErrors)
        XCTAssertTrue(result.diagnostics.first?.message.hasPrefix("invalid YAML") ?? false, "\(result.diagnostics)")
        XCTAssertGreaterThanOrEqual(result.diagnostics.first?.location.line ?? 0, 3)
    }
}
