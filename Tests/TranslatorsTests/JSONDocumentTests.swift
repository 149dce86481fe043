import Foundation
import XCTest
@testable import Translators

final class JSONDocumentTests: XCTestCase {
    func testAcceptsWhatFoundationAcceptsOnValidDocuments() throws {
        let documents = [
            #"{"a":[1,-2.5e+3,true,false,null,"x\"y\\z\/\u00e9\ud83d\ude00"],"b":{},"c":[]}"#,
            " [ 0 , 1.0E-2 ,\"\" ] ", "\"just a string\"", "12", "null",
        ]
        for text in documents {
            let document = try JSONDocument(Array(text.utf8))
            XCTAssertEqual(document.root.raw.count, text.trimmingCharacters(in: .whitespaces).utf8.count)
        }
        let root = try JSONDocument(Array(documents[0].utf8)).root
        XCTAssertEqual(root["a"]?.elements.count, 6)
        XCTAssertEqual(root["a"]?.elements[5].string, "x\"y\\z/é😀")
        XCTAssertEqual(root["a"]?.elements[1].double, -2500)
        XCTAssertEqual(root["a"]?.elements[0].int, 1)
        XCTAssertEqual(root.members.map(\.key), ["a", "b", "c"])
        XCTAssertEqual(root["b"]?.count, 0)
    }

    /// The eight-bytes-at-a-time string scan: every special byte at every position of a long
    /// string is seen (a quote ends the string, a backslash starts an escape, a control or a
    /// non-ASCII byte is checked), agreeing with Foundation.
    func testLongStringsWithASpecialByteAtEveryOffset() throws {
        let specials: [(String, Bool)] = [("\\\"", true), ("\\\\", true), ("\\n", true), ("é", true), ("\u{01}", false), ("😀", true)]
        for (special, valid) in specials {
            for offset in 0..<20 {
                let text = "[\"" + String(repeating: "a", count: offset) + special + String(repeating: "b", count: 19 - offset) + "\",\"tail\"]"
                let bytes = Array(text.utf8)
                if valid {
                    let document = try JSONDocument(bytes)
                    let expected = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String]
                    XCTAssertEqual(document.root.elements.map { $0.string ?? "?" }, expected, text)
                } else {
                    XCTAssertThrowsError(try JSONDocument(bytes), text.debugDescription)
                }
            }
        }
        // A quote inside an eight-byte word ends the string there, not later.
        let split = try JSONDocument(Array(#"["abcdefg","hijklmnopqrstuvwxyz"]"#.utf8))
        XCTAssertEqual(split.root.elements.map { $0.string ?? "?" }, ["abcdefg", "hijklmnopqrstuvwxyz"])
    }

    func testRejectsInvalidDocuments() {
        let invalid = [
            "", " ", "{", "}", "[1,]", "{\"a\":}", "{\"a\" 1}", "{a:1}", "[01]", "[1.]", "[.5]", "[1e]", "[-]", "tru", "nul",
            "\"\\x\"", "\"\\u12G4\"", "\"a", "[1] 2", "{\"a\":1,}", "\"\u{01}\"", "[\"\\\"]",
        ]
        for text in invalid {
            XCTAssertThrowsError(try JSONDocument(Array(text.utf8)), "accepted \(text.debugDescription)")
        }
        XCTAssertThrowsError(try JSONDocument([0x22, 0xFF, 0x22]), "invalid UTF-8")
        XCTAssertThrowsError(try JSONDocument([0x22, 0xED, 0xA0, 0x80, 0x22]), "UTF-8 surrogate")
        XCTAssertThrowsError(try JSONDocument(Array(String(repeating: "[", count: 10_000).utf8)), "too deep")
    }

    func testAgreesWithFoundationOnRandomMutations() throws {
        var generator = SeededGenerator(seed: 99)
        let seed = Array(#"{"a":[1,2.5,{"b":"c\n"}],"d":true,"e":null,"f":"\u00e9"}"#.utf8)
        for _ in 0..<20_000 {
            var bytes = seed
            let position = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: bytes[position] = UInt8.random(in: 0...127, using: &generator)
            case 1: bytes.remove(at: position)
            default: bytes.insert(Array("{}[],:\"\\0-e.tn ".utf8).randomElement(using: &generator) ?? 0, at: position)
            }
            // Syntax only: Foundation takes the last of repeated keys, the router refuses them.
            let ours = (try? JSONDocument(bytes, uniqueKeysToDepth: 0)) != nil
            var foundation = (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
            // Foundation on Linux accepts trailing commas; RFC 8259 (and upstream providers) do not.
            if foundation, Self.hasTrailingComma(bytes) { foundation = false }
            XCTAssertEqual(ours, foundation, String(decoding: bytes, as: UTF8.self))
        }
    }

    private static func hasTrailingComma(_ bytes: [UInt8]) -> Bool {
        var previous: UInt8 = 0
        var inString = false
        var escaped = false
        for c in bytes {
            if inString {
                if escaped { escaped = false } else if c == UInt8(ascii: "\\") { escaped = true } else if c == UInt8(ascii: "\"") { inString = false }
                continue
            }
            if c == UInt8(ascii: "\"") { inString = true }
            if (c == UInt8(ascii: "}") || c == UInt8(ascii: "]")) && previous == UInt8(ascii: ",") { return true }
            if c != 0x20 && c != 0x0A && c != 0x0D && c != 0x09 { previous = c }
        }
        return false
    }

    func testWriterEscapes() throws {
        var w = JSONWriter()
        w.beginObject()
        w.member("k\"", "line\nquote\"back\\tab\t\u{01}é")
        w.key("list")
        w.beginArray()
        w.number(1)
        w.number(2.5)
        w.null()
        w.string(escaping: Array("{\"a\":1}".utf8))
        w.endArray()
        w.endObject()
        XCTAssertEqual(w.bytes.text, #"{"k\"":"line\nquote\"back\\tab\t\u0001é","list":[1,2.5,null,"{\"a\":1}"]}"#)
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(w.bytes)))
    }
}
