import RouteModel
import XCTest

final class GlobTests: XCTestCase {
    func testStarsAndQuestionMarks() {
        XCTAssertTrue(Glob("claude-*haiku*").matches("claude-3-5-haiku-20241022"))
        XCTAssertTrue(Glob("claude-*haiku*").matches("claude-haiku-4-5"))
        XCTAssertFalse(Glob("claude-*haiku*").matches("claude-sonnet-4-5"))
        XCTAssertTrue(Glob("*").matches(""))
        XCTAssertTrue(Glob("gpt-?").matches("gpt-5"))
        XCTAssertFalse(Glob("gpt-?").matches("gpt-50"))
        XCTAssertTrue(Glob("模型-?").matches("模型-五"), "? consumes one whole scalar")
        XCTAssertTrue(Glob("a*b*c").matches("aXXbYYbZZc"))
        XCTAssertFalse(Glob("a*b*c").matches("aXXbYYbZZ"))
        XCTAssertFalse(Glob("Claude-*").matches("claude-x"), "model ids are case-sensitive")
        XCTAssertTrue(Glob("exact").isLiteral)
        XCTAssertFalse(Glob("ex*").isLiteral)
    }

    /// Property: the matcher agrees with a recursive reference definition.
    func testAgreesWithRecursiveReference() {
        func reference(_ pattern: [Character], _ text: [Character]) -> Bool {
            guard let head = pattern.first else { return text.isEmpty }
            switch head {
            case "*": return (0 ... text.count).contains { reference(Array(pattern.dropFirst()), Array(text.dropFirst($0))) }
            case "?": return !text.isEmpty && reference(Array(pattern.dropFirst()), Array(text.dropFirst()))
            default: return text.first == head && reference(Array(pattern.dropFirst()), Array(text.dropFirst()))
            }
        }
        var random = KeywordAutomatonTests.SplitMix64(state: 7)
        let alphabet: [Character] = ["a", "b", "-", "*", "?"]
        let textAlphabet: [Character] = ["a", "b", "-"]
        for _ in 0 ..< 20_000 {
            let pattern = (0 ..< Int.random(in: 0 ... 6, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "a" }
            let text = (0 ..< Int.random(in: 0 ... 8, using: &random)).map { _ in textAlphabet.randomElement(using: &random) ?? "a" }
            XCTAssertEqual(Glob(String(pattern)).matches(String(text)), reference(pattern, text), "\(String(pattern)) vs \(String(text))")
        }
    }

    func testCoverage() {
        XCTAssertTrue(Glob("claude-*haiku*").isCovered(by: Glob("claude-*")))
        XCTAssertTrue(Glob("claude-*").isCovered(by: Glob("*")))
        XCTAssertFalse(Glob("claude-*").isCovered(by: Glob("claude-*haiku*")))
        XCTAssertFalse(Glob("gpt-*").isCovered(by: Glob("claude-*")))
    }
}
