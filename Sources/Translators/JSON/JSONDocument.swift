import JSONEscaping

/// A JSON text parsed once into a flat tape of tokens that point back into the original bytes.
///
/// Nothing is decoded while parsing: strings stay escaped bytes, numbers stay text. Translators
/// look only at the fields they map and copy everything else (tool schemas, tool inputs, message
/// text) byte for byte. Parsing is iterative, so nesting depth cannot overflow the stack; it is
/// still bounded by ``maxDepth`` to keep hostile inputs cheap.
final class JSONDocument: Sendable {
    static let maxDepth = 512

    let bytes: [UInt8]
    let tape: [JSONToken]

    /// Object depth (the root object is 1) down to which a repeated key is refused with
    /// ``TranslationError/duplicateKey(key:offset:)``: everywhere for requests, where the router
    /// and the upstream must read the same values; the envelope of responses (usage, choices,
    /// content blocks) by default.
    static let responseUniqueKeyDepth = 3

    init(_ bytes: [UInt8], uniqueKeysToDepth: Int = JSONDocument.responseUniqueKeyDepth) throws(TranslationError) {
        self.bytes = bytes
        var parser = JSONTapeBuilder(uniqueKeysToDepth: uniqueKeysToDepth)
        let tape = try bytes.withUnsafeBufferPointer { buffer throws(TranslationError) in
            try parser.build(buffer)
        }
        self.tape = tape
    }

    convenience init(_ bytes: some Collection<UInt8>, uniqueKeysToDepth: Int = JSONDocument.responseUniqueKeyDepth) throws(TranslationError) {
        try self.init(Array(bytes), uniqueKeysToDepth: uniqueKeysToDepth)
    }

    var root: JSONNode { JSONNode(document: self, index: 0) }
}

/// The tape builder: a single forward pass with an explicit container stack.
private struct JSONTapeBuilder {
    private var tape: [JSONToken] = []
    private var stack: [(index: Int, isObject: Bool)] = []
    let uniqueKeysToDepth: Int

    init(uniqueKeysToDepth: Int) {
        self.uniqueKeysToDepth = uniqueKeysToDepth
    }

    mutating func build(_ b: UnsafeBufferPointer<UInt8>) throws(TranslationError) -> [JSONToken] {
        tape.reserveCapacity(max(16, b.count / 24))
        var i = skipWhitespace(b, 0)
        var needValue = true
        while true {
            if needValue {
                guard i < b.count else { throw fail(i, "unexpected end of input, expected a value") }
                switch b[i] {
                case UInt8(ascii: "{"):
                    try open(b, &i, isObject: true)
                    i = skipWhitespace(b, i)
                    if i < b.count, b[i] == UInt8(ascii: "}") {
                        try close(b, &i)
                        needValue = false
                    } else {
                        try readKey(b, &i)
                    }
                    continue
                case UInt8(ascii: "["):
                    try open(b, &i, isObject: false)
                    i = skipWhitespace(b, i)
                    if i < b.count, b[i] == UInt8(ascii: "]") {
                        try close(b, &i)
                        needValue = false
                    }
                    continue
                case UInt8(ascii: "\""):
                    try readString(b, &i)
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    try readNumber(b, &i)
                case UInt8(ascii: "t"):
                    try readLiteral(b, &i, "true", .true)
                case UInt8(ascii: "f"):
                    try readLiteral(b, &i, "false", .false)
                case UInt8(ascii: "n"):
                    try readLiteral(b, &i, "null", .null)
                default:
                    throw fail(i, "unexpected character \(describe(b[i])), expected a value")
                }
                needValue = false
            }
            // After a value: a separator, a closing bracket, or the end of the document.
            i = skipWhitespace(b, i)
            guard let top = stack.last else { break }
            guard i < b.count else { throw fail(i, "unexpected end of input inside \(top.isObject ? "an object" : "an array")") }
            let c = b[i]
            if c == UInt8(ascii: ",") {
                i = skipWhitespace(b, i + 1)
                if top.isObject { try readKey(b, &i) }
                needValue = true
            } else if (c == UInt8(ascii: "}") && top.isObject) || (c == UInt8(ascii: "]") && !top.isObject) {
                try close(b, &i)
            } else {
                throw fail(i, "unexpected character \(describe(c)), expected ',' or '\(top.isObject ? "}" : "]")'")
            }
        }
        guard i == b.count else { throw fail(i, "unexpected \(describe(b[i])) after the end of the document") }
        return tape
    }

    private mutating func open(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, isObject: Bool) throws(TranslationError) {
        guard stack.count < JSONDocument.maxDepth else { throw fail(i, "nesting deeper than \(JSONDocument.maxDepth) levels") }
        stack.append((tape.count, isObject))
        tape.append(JSONToken(kind: isObject ? .object : .array, hasEscapes: false, start: i, end: i, next: 0))
        i += 1
    }

    private mutating func close(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) throws(TranslationError) {
        guard let top = stack.last else { return }
        if top.isObject, stack.count <= uniqueKeysToDepth, let repeated = repeatedKey(inObjectAt: top.index, b) {
            throw .duplicateKey(key: String(decoding: keyText(repeated, b), as: UTF8.self), offset: tape[repeated].start)
        }
        stack.removeLast()
        tape[top.index].end = i + 1
        tape[top.index].next = tape.count
        i += 1
    }

    /// The tape index of the first key that repeats an earlier key of the object at `object`
    /// (whose members are the tape's tail). Keys compare by their decoded text, so `"a"` and
    /// `"\u0061"` are the same key. Small objects (nearly all of them) compare pairwise without
    /// allocating; large ones go through a set.
    private func repeatedKey(inObjectAt object: Int, _ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let end = tape.count
        var count = 0
        var k = object + 1
        while k < end {
            count += 1
            k = tape[k + 1].next
        }
        guard count > 1 else { return nil }
        if count > 16 {
            var seen = Set<[UInt8]>(minimumCapacity: count)
            k = object + 1
            while k < end {
                if !seen.insert(keyText(k, b)).inserted { return k }
                k = tape[k + 1].next
            }
            return nil
        }
        k = tape[object + 2].next
        while k < end {
            var j = object + 1
            while j < k {
                if sameKey(j, k, b) { return k }
                j = tape[j + 1].next
            }
            k = tape[k + 1].next
        }
        return nil
    }

    private func sameKey(_ j: Int, _ k: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let x = tape[j]
        let y = tape[k]
        if x.hasEscapes || y.hasEscapes { return keyText(j, b) == keyText(k, b) }
        let length = x.end - x.start
        guard length == y.end - y.start else { return false }
        return UnsafeBufferPointer(rebasing: b[x.start..<x.end]).elementsEqual(UnsafeBufferPointer(rebasing: b[y.start..<y.end]))
    }

    /// A key's decoded bytes.
    private func keyText(_ index: Int, _ b: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let token = tape[index]
        let content = Array(b[(token.start + 1)..<(token.end - 1)])
        return token.hasEscapes ? JSONStringDecoding.unescape(content[...]) : content
    }

    /// Reads `"key"` `:` and leaves `i` at the member's value.
    private mutating func readKey(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) throws(TranslationError) {
        guard i < b.count, b[i] == UInt8(ascii: "\"") else {
            throw fail(i, i < b.count ? "unexpected character \(describe(b[i])), expected a quoted key" : "unexpected end of input, expected a key")
        }
        try readString(b, &i)
        i = skipWhitespace(b, i)
        guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail(i, "expected ':' after an object key") }
        i = skipWhitespace(b, i + 1)
    }

    private mutating func readString(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) throws(TranslationError) {
        let start = i
        var j = i + 1
        var escapes = false
        while true {
            j = Self.skipPlainASCII(b, from: j)
            guard j < b.count else { throw fail(start, "unterminated string") }
            let c = b[j]
            if c == UInt8(ascii: "\"") { break }
            if c == UInt8(ascii: "\\") {
                escapes = true
                guard j + 1 < b.count else { throw fail(j, "unterminated escape") }
                switch b[j + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    j += 2
                case UInt8(ascii: "u"):
                    guard j + 5 < b.count, isHex(b[j + 2]), isHex(b[j + 3]), isHex(b[j + 4]), isHex(b[j + 5]) else {
                        throw fail(j, "invalid \\u escape")
                    }
                    j += 6
                default:
                    throw fail(j, "invalid escape \\\(describe(b[j + 1]))")
                }
            } else if c < 0x20 {
                throw fail(j, "control character \(describe(c)) inside a string")
            } else if c < 0x80 {
                j += 1
            } else {
                j = try validateUTF8(b, j)
            }
        }
        tape.append(JSONToken(kind: .string, hasEscapes: escapes, start: start, end: j + 1, next: tape.count + 1))
        i = j + 1
    }

    /// Skips string bytes eight at a time while none of them needs a look (a quote, a backslash,
    /// a control character or a non-ASCII byte); returns where the byte loop must continue.
    /// Claude Code bodies are mostly long ASCII strings (prompts, tool descriptions), so this is
    /// where parsing spends its time.
    @inline(__always)
    private static func skipPlainASCII(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = b.baseAddress else { return start }
        let highs: UInt64 = 0x8080_8080_8080_8080
        var j = start
        // A quote, backslash or control byte ends the run as it does for escaping; a non-ASCII
        // byte too (its UTF-8 is validated byte by byte).
        while j &+ 8 <= b.count {
            let word = UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)
            if word & highs != 0 || JSONEscaping.wordNeedsEscape(word) { break }
            j &+= 8
        }
        return j
    }

    /// Checks one multi-byte UTF-8 sequence starting at `j`; returns the index after it.
    private func validateUTF8(_ b: UnsafeBufferPointer<UInt8>, _ j: Int) throws(TranslationError) -> Int {
        let lead = b[j]
        var length = 0
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw fail(j, "invalid UTF-8")
        }
        guard j + length <= b.count else { throw fail(j, "truncated UTF-8") }
        let second = b[j + 1]
        guard second >= low, second <= high else { throw fail(j, "invalid UTF-8") }
        var k = j + 2
        while k < j + length {
            guard b[k] & 0xC0 == 0x80 else { throw fail(k, "invalid UTF-8") }
            k += 1
        }
        return j + length
    }

    private mutating func readNumber(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) throws(TranslationError) {
        let start = i
        var j = i
        if b[j] == UInt8(ascii: "-") { j += 1 }
        guard j < b.count, isDigit(b[j]) else { throw fail(j, "invalid number") }
        if b[j] == UInt8(ascii: "0") {
            j += 1
        } else {
            while j < b.count, isDigit(b[j]) { j += 1 }
        }
        if j < b.count, b[j] == UInt8(ascii: ".") {
            j += 1
            guard j < b.count, isDigit(b[j]) else { throw fail(j, "invalid number: digits expected after '.'") }
            while j < b.count, isDigit(b[j]) { j += 1 }
        }
        if j < b.count, b[j] == UInt8(ascii: "e") || b[j] == UInt8(ascii: "E") {
            j += 1
            if j < b.count, b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: "-") { j += 1 }
            guard j < b.count, isDigit(b[j]) else { throw fail(j, "invalid number: digits expected in exponent") }
            while j < b.count, isDigit(b[j]) { j += 1 }
        }
        tape.append(JSONToken(kind: .number, hasEscapes: false, start: start, end: j, next: tape.count + 1))
        i = j
    }

    private mutating func readLiteral(
        _ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ word: StaticString, _ kind: JSONToken.Kind
    ) throws(TranslationError) {
        let length = word.utf8CodeUnitCount
        guard i + length <= b.count else { throw fail(i, "invalid literal") }
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: length)
        for k in 0..<length where b[i + k] != expected[k] {
            throw fail(i, "invalid literal")
        }
        tape.append(JSONToken(kind: kind, hasEscapes: false, start: i, end: i + length, next: tape.count + 1))
        i += length
    }

    private func skipWhitespace(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var i = start
        while i < b.count {
            switch b[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return i
            }
        }
        return i
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private func isHex(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F"))
    }

    private func describe(_ c: UInt8) -> String {
        c >= 0x20 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(String(c, radix: 16))"
    }

    private func fail(_ offset: Int, _ reason: String) -> TranslationError {
        .invalidJSON(offset: offset, reason: reason)
    }
}
