import RouteCompiler
import XCTest

extension XCTestCase {
    /// Asserts a compile run failed, wrote nothing, and reported each of `expected` (line,
    /// column and a part of the message) in `routes.yaml`.
    func assertReports(
        _ result: RouteTableCompiler.Result, _ expected: [(line: Int, column: Int, message: String)],
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertTrue(result.hasErrors, "expected errors, got \(result.diagnostics)", file: file, line: line)
        XCTAssertTrue(result.files.isEmpty, "no output may be written on errors", file: file, line: line)
        for item in expected {
            let found = result.diagnostics.contains {
                $0.location.line == item.line && $0.location.column == item.column && $0.message.contains(item.message)
                    && $0.location.file == "routes.yaml"
            }
            XCTAssertTrue(found, "missing \(item.line):\(item.column) '\(item.message)' in:\n\(result.diagnostics.map(\.description).joined(separator: "\n"))", file: file, line: line)
        }
    }
}
