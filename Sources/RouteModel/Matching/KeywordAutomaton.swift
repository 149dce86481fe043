/// A multi-pattern keyword matcher (Aho–Corasick compiled to a DFA over byte classes), matching
/// case-insensitively over UTF-8 in one pass.
///
/// The tables are produced once, by ``KeywordAutomatonBuilder``, at build time; generated code
/// embeds them as array literals, so the request path only walks arrays.
public struct KeywordAutomaton: Sendable {
    /// The keywords, lowercased scalar by scalar; a keyword's id is its index.
    public let keywords: [String]
    /// Equivalence class of each byte; bytes that occur in no keyword share class 0.
    public let byteClasses: [UInt8]
    public let classCount: Int
    /// `transitions[state * classCount + class]` is the next state; state 0 is the root.
    public let transitions: [Int32]
    /// Keyword ids that end at each state are `outputIDs[outputOffsets[s] ..< outputOffsets[s + 1]]`.
    public let outputOffsets: [Int32]
    public let outputIDs: [Int32]

    public init(
        keywords: [String], byteClasses: [UInt8], classCount: Int, transitions: [Int32],
        outputOffsets: [Int32], outputIDs: [Int32]
    ) {
        self.keywords = keywords
        self.byteClasses = byteClasses
        self.classCount = classCount
        self.transitions = transitions
        self.outputOffsets = outputOffsets
        self.outputIDs = outputIDs
    }

    public var stateCount: Int { outputOffsets.count - 1 }

    /// Scans `text` and records every keyword that occurs in it.
    public func scan(_ text: String, into matches: inout KeywordMatches) {
        var text = text
        text.withUTF8 { scan(utf8: UnsafeRawBufferPointer($0), into: &matches) }
    }

    /// Scans UTF-8 bytes; invalid sequences are matched byte by byte, never rejected.
    public func scan(utf8 text: UnsafeRawBufferPointer, into matches: inout KeywordMatches) {
        byteClasses.withUnsafeBufferPointer { classes in
            transitions.withUnsafeBufferPointer { next in
                outputOffsets.withUnsafeBufferPointer { offsets in
                    outputIDs.withUnsafeBufferPointer { ids in
                        var walker = Walker(classes: classes, next: next, offsets: offsets, ids: ids, classCount: classCount)
                        walker.scan(text, into: &matches)
                    }
                }
            }
        }
    }

    /// The scanning loop over raw table pointers (the tables are immutable for the scan).
    private struct Walker {
        let classes: UnsafeBufferPointer<UInt8>
        let next: UnsafeBufferPointer<Int32>
        let offsets: UnsafeBufferPointer<Int32>
        let ids: UnsafeBufferPointer<Int32>
        let classCount: Int
        var state = 0

        mutating func scan(_ text: UnsafeRawBufferPointer, into matches: inout KeywordMatches) {
            var index = 0
            let count = text.count
            while index < count {
                let byte = text[index]
                if byte < 0x80 {
                    step(byte &- 0x41 < 26 ? byte | 0x20 : byte, into: &matches)
                    index += 1
                } else if !KeywordAutomaton.leadMayChangeCase(byte) {
                    // CJK, kana, Hangul and continuation bytes: no scalar there has a lowercase form.
                    step(byte, into: &matches)
                    index += 1
                } else {
                    let (scalar, length) = KeywordAutomaton.decodeScalar(text, at: index)
                    if let scalar, scalar.properties.changesWhenLowercased {
                        for folded in scalar.properties.lowercaseMapping.utf8 { step(folded, into: &matches) }
                    } else {
                        for offset in index ..< index + length { step(text[offset], into: &matches) }
                    }
                    index += length
                }
            }
        }

        @inline(__always)
        mutating func step(_ byte: UInt8, into matches: inout KeywordMatches) {
            state = Int(next[state &* classCount &+ Int(classes[Int(byte)])])
            let start = Int(offsets[state])
            let end = Int(offsets[state &+ 1])
            guard start < end else { return }
            for position in start ..< end { matches.insert(Int(ids[position])) }
        }
    }

    /// Whether a UTF-8 byte may start a scalar with a lowercase mapping. Leads 0xE3–0xE9 and
    /// 0xEB–0xEE (U+3000–U+9FFF, U+B000–U+EFFF: CJK, kana, Hangul, private use) never do, nor
    /// continuation bytes; the scanner then skips decoding them.
    @inline(__always)
    static func leadMayChangeCase(_ byte: UInt8) -> Bool {
        switch byte {
        case 0xC2 ... 0xE2, 0xEA, 0xEF ... 0xF4: true
        default: false
        }
    }

    /// Decodes the scalar starting at `index`; nil with length 1 for a malformed sequence.
    @inline(__always)
    static func decodeScalar(_ text: UnsafeRawBufferPointer, at index: Int) -> (Unicode.Scalar?, Int) {
        let lead = text[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return (nil, 1)
        }
        guard index + length <= text.count else { return (nil, 1) }
        for offset in 1 ..< length {
            let byte = text[index + offset]
            guard byte & 0xC0 == 0x80 else { return (nil, 1) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return (nil, 1) }
        return (scalar, length)
    }

    /// Lowercases a keyword the same way the scanner folds text, scalar by scalar.
    public static func fold(_ keyword: String) -> String {
        var folded = ""
        for scalar in keyword.unicodeScalars {
            if scalar.properties.changesWhenLowercased {
                folded += scalar.properties.lowercaseMapping
            } else {
                folded.unicodeScalars.append(scalar)
            }
        }
        return folded
    }
}

/// The set of keyword ids found by a scan.
public struct KeywordMatches: Sendable, Equatable {
    private var words: [UInt64]

    public init(keywordCount: Int) {
        words = Array(repeating: 0, count: (keywordCount + 63) / 64)
    }

    @inline(__always)
    public mutating func insert(_ id: Int) {
        words[id >> 6] |= 1 << UInt64(id & 63)
    }

    public func contains(_ id: Int) -> Bool {
        words[id >> 6] & (1 << UInt64(id & 63)) != 0
    }

    /// The lowest id in `range` that matched.
    public func first(in range: Range<Int>) -> Int? {
        range.first(where: contains)
    }

    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }
}
