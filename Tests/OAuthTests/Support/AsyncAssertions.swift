import XCTest

func XCTUnwrapAsync<T>(_ value: @autoclosure () async throws -> T?, file: StaticString = #filePath, line: UInt = #line) async throws -> T {
    let result = try await value()
    return try XCTUnwrap(result, file: file, line: line)
}

func XCTAssertThrowsAsync<T>(_ expression: @autoclosure () async throws -> T, file: StaticString = #filePath, line: UInt = #line) async {
    do {
        _ = try await expression()
        XCTFail("expected an error", file: file, line: line)
    } catch {}
}

/// Waits (up to 30 s, generous on a loaded machine) until `condition` holds.
func waitUntil(_ condition: () async throws -> Bool, file: StaticString = #filePath, line: UInt = #line) async throws {
    for _ in 0..<300 {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    XCTFail("condition not met within 30 s", file: file, line: line)
}
