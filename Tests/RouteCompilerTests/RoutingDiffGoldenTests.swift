import Foundation
import RouteCompiler
import RouteModel
import XCTest

/// Each folder under Golden/diff/ holds an edit of Golden/combos/routes.yaml (and, where the
/// edit is to the catalog, an edited catalog.yaml) and the diff it must print, in words
/// (expected.txt) and Markdown (expected.md). `UPDATE_GOLDEN=1 swift test --filter
/// RoutingDiffGoldenTests` rewrites the expectations; read them before committing.
final class RoutingDiffGoldenTests: XCTestCase {
    static let golden = GoldenTests.goldenDirectory
    static let cases = golden.appendingPathComponent("diff")

    static func compile(_ routesPath: URL, catalogPath: URL) throws -> ResolvedTable {
        let result = RouteTableCompiler.compile(
            routes: SourceFile(path: routesPath.lastPathComponent, text: try String(contentsOf: routesPath, encoding: .utf8)),
            catalog: SourceFile(path: "catalog.yaml", text: try String(contentsOf: catalogPath, encoding: .utf8))
        )
        return try XCTUnwrap(result.table, "\(routesPath.path): \(result.diagnostics.map(\.description))")
    }

    static var base: ResolvedTable {
        get throws {
            try compile(golden.appendingPathComponent("combos/routes.yaml"), catalogPath: golden.appendingPathComponent("catalog.yaml"))
        }
    }

    static func edited(_ name: String) throws -> ResolvedTable {
        let directory = cases.appendingPathComponent(name)
        let catalog = directory.appendingPathComponent("catalog.yaml")
        return try compile(
            directory.appendingPathComponent("routes.yaml"),
            catalogPath: FileManager.default.fileExists(atPath: catalog.path) ? catalog : golden.appendingPathComponent("catalog.yaml")
        )
    }

    func testEveryEditPrintsItsExpectedDiff() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.cases.path).sorted()
        XCTAssertGreaterThanOrEqual(names.count, 8)
        for name in names {
            let changes = RoutingDiff.between(old: try Self.base, new: try Self.edited(name))
            let outputs = [("expected.txt", RoutingDiff.words(changes)), ("expected.md", RoutingDiff.markdown(changes))]
            for (file, text) in outputs {
                let url = Self.cases.appendingPathComponent(name).appendingPathComponent(file)
                if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
                    try text.write(to: url, atomically: true, encoding: .utf8)
                    continue
                }
                XCTAssertEqual(text, try String(contentsOf: url, encoding: .utf8), "\(name)/\(file) differs (UPDATE_GOLDEN=1 to accept)")
            }
        }
    }

    func testCommentsFormattingAndKeyOrderAreNoRoutingChange() throws {
        let changes = RoutingDiff.between(old: try Self.base, new: try Self.edited("comment-only"))
        XCTAssertEqual(changes, [])
        XCTAssertEqual(RoutingDiff.words(changes), "no routing change\n")
    }

    func testATableAgainstItselfHasNoChange() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.cases.path) {
            let table = try Self.edited(name)
            XCTAssertEqual(RoutingDiff.between(old: table, new: table), [], name)
        }
    }

    /// The router compares its live table (exact names behind a generated switch) with a pasted
    /// file; probing the new file's exact names must give the same answer as two compiled files.
    func testALiveTableComparesLikeACompiledOne() throws {
        for name in ["weights", "rules", "renamed-combo", "clients-and-limits"] {
            let old = try Self.base, new = try Self.edited(name)
            XCTAssertEqual(RoutingDiff.between(old: old.makeRouteTable(), new: new), RoutingDiff.between(old: old, new: new), name)
        }
    }

    func testAnExactRouteRetargetedIsNamed() throws {
        let old = try compileTable(routesYAML: Self.minimal(route: "\"claude-sonnet-4-5\": a"))
        let new = try compileTable(routesYAML: Self.minimal(route: "\"claude-sonnet-4-5\": b"))
        let changes = RoutingDiff.between(old: old, new: new, probeNames: ["claude-sonnet-4-5"])
        XCTAssertEqual(changes.map(\.summary), ["route `claude-sonnet-4-5` now resolves to `b` (was `a`)"])
    }

    func testClientKeyHashesAreNeverPrinted() throws {
        let old = try Self.base
        let text = try String(contentsOf: Self.golden.appendingPathComponent("combos/routes.yaml"), encoding: .utf8)
        let rotated = text.replacingOccurrences(
            of: "b5384f45e627a8306d77f37257bd7a375d5aa4f9dcc659416e92c9a0742cb16f",
            with: "f6ce6d39de7babe5a80dc077523bfdef7575a26de86d437425268fa5da323003"
        )
        let catalog = try String(contentsOf: Self.golden.appendingPathComponent("catalog.yaml"), encoding: .utf8)
        let new = try XCTUnwrap(RouteTableCompiler.compile(
            routes: SourceFile(path: "routes.yaml", text: rotated), catalog: SourceFile(path: "catalog.yaml", text: catalog)
        ).table)
        let changes = RoutingDiff.between(old: old, new: new)
        XCTAssertEqual(changes.map(\.summary), ["client `laptop`: key changed"])
        for output in [RoutingDiff.words(changes), RoutingDiff.markdown(changes)] {
            XCTAssertFalse(output.contains("b5384f45"))
            XCTAssertFalse(output.contains("f6ce6d39"))
        }
    }

    private static func minimal(route: String) -> String {
        """
        version: 1
        providers:
          p: {protocol: openai, base_url: "http://127.0.0.1:9/v1", auth: none, models: [m1, m2]}
        models:
          a: p/m1
          b: p/m2
        routes:
          \(route)
        """
    }
}
