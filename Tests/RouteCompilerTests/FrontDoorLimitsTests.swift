import RouteCompiler
import RouteModel
import XCTest

/// The front-door limits of `limits:` (issue 13): decoded into the table, with safe defaults,
/// and nonsense refused with its location.
final class FrontDoorLimitsTests: XCTestCase {
    private let head = """
    version: 1
    providers:
      local:
        protocol: openai
        base_url: http://127.0.0.1:11434/v1
        auth: none
        models: [m]
    models:
      fast: local/m

    """

    func testTheLimitsReachTheTable() throws {
        let table = try RouteTableCompiler.compileTable(routesYAML: head + """
        limits:
          header_timeout: 5s
          body_timeout: 750ms
          max_header_bytes: 16KiB
          max_headers: 60
        """)
        XCTAssertEqual(table.limits.headerTimeoutMS, 5_000)
        XCTAssertEqual(table.limits.bodyTimeoutMS, 750)
        XCTAssertEqual(table.limits.maxHeaderBytes, 16 * 1024)
        XCTAssertEqual(table.limits.maxHeaderCount, 60)
    }

    func testTheDefaultsAreSafe() throws {
        let limits = try RouteTableCompiler.compileTable(routesYAML: head).limits
        XCTAssertEqual(limits.headerTimeoutMS, 30_000)
        XCTAssertEqual(limits.bodyTimeoutMS, 30_000)
        XCTAssertEqual(limits.maxHeaderBytes, 64 * 1024)
        XCTAssertEqual(limits.maxHeaderCount, 100)
    }

    func testNonsenseIsReportedWhereItIs() {
        let result = RouteTableCompiler.compile(routes: SourceFile(path: "routes.yaml", text: head + """
        limits:
          header_timeout: 0s
          body_timeout: soon
          max_header_bytes: 0
          max_headers: -3
        """), catalog: SourceFile(path: "catalog.yaml", text: "version: 1\npresets: {}\n"))
        assertReports(result, [
            (11, 19, "header_timeout must be a duration above zero"),
            (12, 17, "body_timeout must be a duration above zero"),
            (13, 21, "max_header_bytes must be a size"),
            (14, 16, "max_headers must be a whole number of at least 1"),
        ])
    }
}
