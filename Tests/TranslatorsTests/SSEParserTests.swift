import XCTest
@testable import Translators

final class SSEParserTests: XCTestCase {
    func testLineEndingsCommentsAndMultilineData() {
        var parser = SSEParser()
        let text = ": comment\r\nevent: a\r\ndata: 1\r\ndata:2\r\n\r\nid: 7\nretry: 5\ndata: x\n\ndata: tail"
        let events = parser.feed(Array(text.utf8)) + parser.finish()
        XCTAssertEqual(events, [
            SSEEvent(name: "a", data: Array("1\n2".utf8)),
            SSEEvent(name: nil, data: Array("x".utf8)),
            SSEEvent(name: nil, data: Array("tail".utf8)),
        ])
        for cut in 0...text.utf8.count {
            var split = SSEParser()
            let bytes = Array(text.utf8)
            XCTAssertEqual(split.feed(bytes[..<cut]) + split.feed(bytes[cut...]) + split.finish(), events, "cut \(cut)")
        }
    }
}
