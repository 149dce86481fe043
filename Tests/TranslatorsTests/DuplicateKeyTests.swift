import RouteModel
@testable import Translators
import XCTest

/// Repeated object keys: refused during the one parse, at the repetition's byte offset.
final class DuplicateKeyTests: XCTestCase {
    private func duplicate(_ text: String, depth: Int = .max) -> TranslationError? {
        do {
            _ = try JSONDocument(Array(text.utf8), uniqueKeysToDepth: depth)
            return nil
        } catch {
            return error
        }
    }

    func testRepeatedKeysAreFoundAtEveryDepth() {
        XCTAssertEqual(duplicate(#"{"model":"a","model":"b"}"#), .duplicateKey(key: "model", offset: 13))
        XCTAssertEqual(duplicate(#"{"m":[{"x":{"k":1,"j":2,"k":3}}]}"#), .duplicateKey(key: "k", offset: 24))
        XCTAssertEqual(duplicate(#"{"model":"a","mod\u0065l":"b"}"#), .duplicateKey(key: "model", offset: 13))
        XCTAssertEqual(duplicate(#"{"a":{},"b":[],"a":null}"#), .duplicateKey(key: "a", offset: 15))
    }

    func testLargeObjectsAreCheckedToo() {
        let members = (0..<40).map { #""k\#($0)":\#($0)"# }
        XCTAssertNil(duplicate("{" + members.joined(separator: ",") + "}"))
        let repeated = "{" + (members + [#""k7":0"#]).joined(separator: ",") + "}"
        XCTAssertEqual(duplicate(repeated), .duplicateKey(key: "k7", offset: repeated.utf8.count - 7))
    }

    func testDistinctKeysAndSiblingsPass() {
        XCTAssertNil(duplicate(#"{"a":1,"ab":2,"b":{"a":1},"c":[{"a":1},{"a":2}],"":0}"#))
        XCTAssertNil(duplicate(#"{"a\"":1,"a":2}"#))
    }

    func testTheDepthBoundsTheCheck() {
        let deep = #"{"content":[{"input":{"x":1,"x":2}}]}"#
        XCTAssertNil(duplicate(deep, depth: JSONDocument.responseUniqueKeyDepth), "model-written tool input is not the envelope")
        XCTAssertEqual(duplicate(deep), .duplicateKey(key: "x", offset: 28))
        XCTAssertNotNil(duplicate(#"{"usage":{"output_tokens":1,"output_tokens":2}}"#, depth: JSONDocument.responseUniqueKeyDepth))
    }

    func testThePeekRefusesThemForBothProtocols() {
        for wire in [WireProtocol.anthropic, .openai] {
            XCTAssertThrowsError(try RequestPeek.parse(Array(#"{"model":"a","messages":[{"role":"user","role":"x"}]}"#.utf8), protocol: wire)) {
                guard case .duplicateKey(let key, _) = $0 as? TranslationError else { return XCTFail("\($0)") }
                XCTAssertEqual(key, "role")
            }
        }
    }
}
