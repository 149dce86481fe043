import Foundation
import RouteCompiler
import XCTest

/// Each folder under Golden/ holds a routes.yaml and the Swift source it must compile to,
/// byte for byte. `UPDATE_GOLDEN=1 swift test --filter GoldenTests` rewrites the expectations.
final class GoldenTests: XCTestCase {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func compile(_ name: String) throws -> RouteTableCompiler.Result {
        let directory = goldenDirectory.appendingPathComponent(name)
        let routes = try String(contentsOf: directory.appendingPathComponent("routes.yaml"), encoding: .utf8)
        let catalog = try String(contentsOf: goldenDirectory.appendingPathComponent("catalog.yaml"), encoding: .utf8)
        return RouteTableCompiler.compile(
            routes: SourceFile(path: "\(name)/routes.yaml", text: routes),
            catalog: SourceFile(path: "catalog.yaml", text: catalog)
        )
    }

    func testEveryGoldenConfigCompilesToItsExpectedSource() throws {
        let cases = try FileManager.default.contentsOfDirectory(atPath: Self.goldenDirectory.path)
            .filter { !$0.hasSuffix(".yaml") && $0 != "diff" }.sorted()  // diff/: RoutingDiffGoldenTests
        XCTAssertGreaterThanOrEqual(cases.count, 3)
        for name in cases {
            let result = try Self.compile(name)
            XCTAssertFalse(result.hasErrors, "\(name): \(result.diagnostics)")
            let source = try XCTUnwrap(result.files["CompiledRoutes.swift"], name)
            let expectedURL = Self.goldenDirectory.appendingPathComponent(name).appendingPathComponent("expected.swift.txt")
            if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
                try source.write(to: expectedURL, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try String(contentsOf: expectedURL, encoding: .utf8)
            XCTAssertEqual(source, expected, "\(name): generated source differs from expected.swift.txt (UPDATE_GOLDEN=1 to accept)")
        }
    }

    func testTheSameInputTwiceGivesIdenticalBytes() throws {
        for name in ["minimal", "combos", "local-and-oauth"] {
            let first = try Self.compile(name)
            let second = try Self.compile(name)
            XCTAssertEqual(first.files, second.files, name)
        }
    }

    func testTheHeaderCarriesTheDigestOfTheInputs() throws {
        let source = try XCTUnwrap(try Self.compile("minimal").files["CompiledRoutes.swift"])
        let header = source.split(separator: "\n").first { $0.hasPrefix("// inputs-sha256: ") }
        let digest = try XCTUnwrap(header).dropFirst("// inputs-sha256: ".count)
        XCTAssertEqual(digest.count, 64)
        XCTAssertTrue(source.contains("inputsSHA256: \"\(digest)\""))

        let edited = RouteTableCompiler.compile(
            routes: SourceFile(path: "minimal/routes.yaml", text: "# a comment changes the digest\n" + (try String(contentsOf: Self.goldenDirectory.appendingPathComponent("minimal/routes.yaml"), encoding: .utf8))),
            catalog: SourceFile(path: "catalog.yaml", text: try String(contentsOf: Self.goldenDirectory.appendingPathComponent("catalog.yaml"), encoding: .utf8))
        )
        XCTAssertFalse(try XCTUnwrap(edited.files["CompiledRoutes.swift"]).contains(String(digest)))
    }

    func testNoSecretValueIsCompiledIn() throws {
        let source = try XCTUnwrap(try Self.compile("combos").files["CompiledRoutes.swift"])
        XCTAssertTrue(source.contains("keyEnv: [\"GLM_API_KEY\", \"GLM_API_KEY_2\"]"))
        XCTAssertFalse(source.contains("env:"), "env references compile to variable names only")
    }
}
