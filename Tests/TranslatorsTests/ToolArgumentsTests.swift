import XCTest
@testable import Translators

final class ToolArgumentsTests: XCTestCase {
    private func input(_ arguments: String) -> String {
        ToolArguments.inputObject(Array(arguments.utf8)).text
    }

    func testEveryArgumentTextBecomesOneObject() {
        XCTAssertEqual(input(#"{"a": [1, "x"]}"#), #"{"a": [1, "x"]}"#, "objects pass unchanged")
        XCTAssertEqual(input(""), "{}")
        XCTAssertEqual(input("  \n"), "{}")
        XCTAssertEqual(input(#""{\"a\":1}""#), #"{"a":1}"#, "double-encoded arguments are unwrapped")
        XCTAssertEqual(input("[1,2]"), #"{"raw":"[1,2]"}"#, "a non-object is not a tool input")
        XCTAssertEqual(input("42"), #"{"raw":"42"}"#)
        XCTAssertEqual(input(#"{"a":1"#), #"{"raw":"{\"a\":1"}"#, "broken JSON is kept as text")
        XCTAssertEqual(input("\"plain\""), #"{"raw":"\"plain\""}"#)
    }

    func testToolCallIDs() {
        XCTAssertEqual(ToolCallID.normalized("call_abc-1", messageID: "m", ordinal: 0), "call_abc-1")
        XCTAssertEqual(ToolCallID.normalized("functions.Bash:0", messageID: "m", ordinal: 0), "functions_Bash_0")
        XCTAssertEqual(ToolCallID.normalized(nil, messageID: "chatcmpl-7", ordinal: 2), "toolu_chatcmpl-7_2")
        XCTAssertEqual(ToolCallID.normalized("", messageID: "a.b", ordinal: 0), "toolu_a_b_0")
    }

    func testThinkTagSplitterHoldsBackOnlyPossibleTags() {
        var splitter = ThinkTagSplitter()
        XCTAssertEqual(splitter.feed("  <th"), [])
        XCTAssertEqual(splitter.feed("ink>abc</thi"), [.thinking("abc")])
        XCTAssertEqual(splitter.feed("nk> \n"), [])
        XCTAssertEqual(splitter.feed("Answer"), [.text("Answer")])
        XCTAssertTrue(splitter.isPassThrough)

        var plain = ThinkTagSplitter()
        XCTAssertEqual(plain.feed("<b>bold</b>"), [.text("<b>bold</b>")])
        var unclosed = ThinkTagSplitter()
        XCTAssertEqual(unclosed.feed("<think>never closed </th"), [.thinking("never closed ")])
        XCTAssertEqual(unclosed.flush(), [.thinking("</th")])
        var lonePrefix = ThinkTagSplitter()
        XCTAssertEqual(lonePrefix.feed("<thi"), [])
        XCTAssertEqual(lonePrefix.flush(), [.text("<thi")])
    }
}
