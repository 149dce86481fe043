import RouteModel
import XCTest

/// The Aho–Corasick automaton against a naive reference: lowercase both sides, search substrings.
final class KeywordAutomatonTests: XCTestCase {
    /// A small deterministic generator, so a failing case can be replayed from its seed.
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

    static func naiveMatches(_ keywords: [String], in text: String) -> Set<Int> {
        let haystack = KeywordAutomaton.fold(text)
        return Set(keywords.indices.filter { !keywords[$0].isEmpty && haystack.contains(KeywordAutomaton.fold(keywords[$0])) })
    }

    static func automatonMatches(_ automaton: KeywordAutomaton, in text: String) -> Set<Int> {
        var found = KeywordMatches(keywordCount: automaton.keywords.count)
        automaton.scan(text, into: &found)
        return Set(automaton.keywords.indices.filter(found.contains))
    }

    func testFindsKeywordsCaseInsensitivelyInsideWords() {
        let automaton = KeywordAutomatonBuilder.build(keywords: ["ultrathink", "Think Hard", "深度思考", "ÉTÉ"])
        XCTAssertEqual(Self.automatonMatches(automaton, in: "please ULTRATHINK about it"), [0])
        XCTAssertEqual(Self.automatonMatches(automaton, in: "you should think hard"), [1])
        XCTAssertEqual(Self.automatonMatches(automaton, in: "请深度思考这个问题"), [2])
        XCTAssertEqual(Self.automatonMatches(automaton, in: "un été chaud"), [3])
        XCTAssertEqual(Self.automatonMatches(automaton, in: "think, hard"), [])
        XCTAssertEqual(Self.automatonMatches(automaton, in: ""), [])
    }

    func testOverlappingAndNestedKeywords() {
        let automaton = KeywordAutomatonBuilder.build(keywords: ["he", "she", "his", "hers", "think", "ultrathink"])
        XCTAssertEqual(Self.automatonMatches(automaton, in: "ushers"), [0, 1, 3])
        XCTAssertEqual(Self.automatonMatches(automaton, in: "ultrathinking"), [4, 5])
    }

    func testInvalidUTF8IsScannedNotRejected() {
        let automaton = KeywordAutomatonBuilder.build(keywords: ["abc"])
        let bytes: [UInt8] = [0xFF, 0xC3, 0x61, 0x62, 0x63, 0xE4, 0xB8]
        var found = KeywordMatches(keywordCount: 1)
        bytes.withUnsafeBytes { automaton.scan(utf8: $0, into: &found) }
        XCTAssertTrue(found.contains(0))
    }

    /// Property: on random keyword sets and texts drawn from a mixed alphabet, the automaton
    /// agrees with the naive reference.
    func testAgreesWithNaiveReferenceOnRandomInputs() {
        let alphabet: [Character] = ["a", "b", "A", "B", "k", " ", "深", "度", "思", "é", "É", "ß", "😀", "\n", "\u{212A}", "Ｕ", "ｕ", "한", "Ж", "ж"]
        var random = SplitMix64(state: 20_261_201)
        for round in 0 ..< 2_000 {
            let keywordCount = Int.random(in: 1 ... 6, using: &random)
            let keywords = (0 ..< keywordCount).map { _ in
                String((0 ..< Int.random(in: 1 ... 4, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "a" })
            }
            let automaton = KeywordAutomatonBuilder.build(keywords: keywords)
            for _ in 0 ..< 5 {
                let text = String((0 ..< Int.random(in: 0 ... 40, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "a" })
                let expected = Self.naiveMatches(keywords, in: text)
                let actual = Self.automatonMatches(automaton, in: text)
                if expected != actual {
                    XCTFail("round \(round): keywords \(keywords) text \(text.debugDescription): expected \(expected), got \(actual)")
                    return
                }
            }
        }
    }
}
