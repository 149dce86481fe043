import Foundation
import RouteCompiler
import XCTest

/// Seeded random edits of the shipped routes.yaml never crash the compiler: every run ends in
/// output or in positioned errors, and errors always mean no output.
final class MutationTests: XCTestCase {
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func testRandomEditsEndInOutputOrPositionedErrors() throws {
        let root = ShippedRoutesTests.root
        let routes = try String(contentsOf: root.appendingPathComponent("routes/routes.yaml"), encoding: .utf8)
        let catalog = SourceFile(path: "catalog.yaml", text: try String(contentsOf: root.appendingPathComponent("routes/catalog.yaml"), encoding: .utf8))
        let lines = routes.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let fragments = ["*", ":", "- ", "{", "}", "[", "]", "env:", "0", "-1", "\"", "'", "&a", "*a", "\t", "深度", "null", "~", "/", " ", "\n  ", "members:", "if:", "use: x"]
        var random = SplitMix64(state: 2026)
        var compiled = 0
        var rejected = 0
        for _ in 0 ..< 600 {
            var edited = lines
            for _ in 0 ..< Int.random(in: 1 ... 4, using: &random) {
                let index = Int.random(in: 0 ..< edited.count, using: &random)
                switch Int.random(in: 0 ..< 4, using: &random) {
                case 0: edited.remove(at: index)
                case 1: edited.insert(edited[Int.random(in: 0 ..< edited.count, using: &random)], at: index)
                case 2:
                    var line = edited[index]
                    let position = line.index(line.startIndex, offsetBy: Int.random(in: 0 ... line.count, using: &random))
                    line.insert(contentsOf: fragments.randomElement(using: &random) ?? "*", at: position)
                    edited[index] = line
                default:
                    if !edited[index].isEmpty {
                        var line = Array(edited[index])
                        line.remove(at: Int.random(in: 0 ..< line.count, using: &random))
                        edited[index] = String(line)
                    }
                }
                if edited.isEmpty { edited = [""] }
            }
            let result = RouteTableCompiler.compile(routes: SourceFile(path: "routes.yaml", text: edited.joined(separator: "\n")), catalog: catalog)
            if result.hasErrors {
                rejected += 1
                XCTAssertTrue(result.files.isEmpty)
                for diagnostic in result.diagnostics {
                    XCTAssertGreaterThanOrEqual(diagnostic.location.line, 1)
                    XCTAssertGreaterThanOrEqual(diagnostic.location.column, 1)
                    XCTAssertFalse(diagnostic.message.isEmpty)
                }
            } else {
                compiled += 1
                XCTAssertNotNil(result.files["CompiledRoutes.swift"])
            }
        }
        XCTAssertGreaterThan(rejected, 50)
        XCTAssertGreaterThan(compiled, 5)
    }
}
