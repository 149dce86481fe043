/// A minimal pull scanner over one JSON text in memory, enough to read a usage line without
/// building a tree: `JSONDecoder` would make loading months of logs at start-up take minutes.
/// Only valid inside the `withUnsafeBufferPointer` scope that produced `bytes`.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    /// Nesting limit for values that are skipped, so hostile input cannot exhaust the stack.
    private static let maximumDepth = 64

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var malformed: UsageLineError { .malformed(offset: index) }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// The next non-blank byte without consuming it.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return index < bytes.count ? bytes[index] : nil
    }

    mutating func expect(_ byte: UInt8) throws(UsageLineError) {
        guard peek() == byte else { throw malformed }
        index += 1
    }

    /// Consumes `byte` if it comes next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    mutating func atEnd() -> Bool { peek() == nil }

    /// The raw bytes between the quotes of a string without escapes (object keys); nil when the
    /// string holds escapes, in which case nothing is consumed.
    mutating func plainStringRange() throws(UsageLineError) -> Range<Int>? {
        guard peek() == UInt8(ascii: "\"") else { throw malformed }
        var cursor = index + 1
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") {
                let range = (index + 1)..<cursor
                index = cursor + 1
                return range
            }
            if byte == UInt8(ascii: "\\") { return nil }
            if byte < 0x20 { throw UsageLineError.malformed(offset: cursor) }
            cursor += 1
        }
        throw UsageLineError.malformed(offset: cursor)
    }

    mutating func string() throws(UsageLineError) -> String {
        if let range = try plainStringRange() {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        return try escapedString()
    }

    private mutating func escapedString() throws(UsageLineError) -> String {
        index += 1  // the opening quote
        var utf8: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try appendEscape(to: &utf8)
            case 0..<0x20:
                throw UsageLineError.malformed(offset: index - 1)
            default:
                utf8.append(byte)
            }
        }
        throw malformed
    }

    private mutating func appendEscape(to utf8: inout [UInt8]) throws(UsageLineError) {
        guard index < bytes.count else { throw malformed }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by `\uDC00`-`\uDFFF`.
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw malformed }
                index += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw malformed }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw malformed }
            utf8.append(contentsOf: String(Character(unicode)).utf8)
        default:
            throw malformed
        }
    }

    private mutating func hex4() throws(UsageLineError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw malformed }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw malformed
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// An integer; a number with a fraction or exponent is rejected.
    mutating func integer() throws(UsageLineError) -> Int {
        skipWhitespace()
        let negative = consume(UInt8(ascii: "-"))
        var value = 0
        var digits = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = times.addingReportingOverflow(Int(bytes[index] - UInt8(ascii: "0")))
            guard !overflowA, !overflowB else { throw malformed }
            value = sum
            digits += 1
            index += 1
        }
        guard digits > 0 else { throw malformed }
        if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) {
            throw malformed
        }
        return negative ? -value : value
    }

    mutating func literal(_ word: StaticString) throws(UsageLineError) {
        skipWhitespace()
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw malformed }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw malformed
        }
        index += count
    }

    mutating func boolean() throws(UsageLineError) -> Bool {
        switch peek() {
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        default: throw malformed
        }
    }

    /// Consumes `null` and returns true, or returns false leaving the value in place.
    mutating func null() throws(UsageLineError) -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// Skips any JSON value (for fields this version does not know).
    mutating func skipValue(depth: Int = 0) throws(UsageLineError) {
        guard depth < Self.maximumDepth else { throw malformed }
        switch peek() {
        case UInt8(ascii: "\""):
            _ = try string()
        case UInt8(ascii: "{"):
            index += 1
            if consume(UInt8(ascii: "}")) { return }
            repeat {
                _ = try string()
                try expect(UInt8(ascii: ":"))
                try skipValue(depth: depth + 1)
            } while consume(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            index += 1
            if consume(UInt8(ascii: "]")) { return }
            repeat { try skipValue(depth: depth + 1) } while consume(UInt8(ascii: ","))
            try expect(UInt8(ascii: "]"))
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default:
            try skipNumber()
        }
    }

    /// The bytes of a number token (read it with a number parser such as `USDAmount`).
    mutating func numberRange() throws(UsageLineError) -> Range<Int> {
        skipWhitespace()
        let start = index
        try skipNumber()
        return start..<index
    }

    private mutating func skipNumber() throws(UsageLineError) {
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
                 UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                index += 1
            default:
                guard index > start else { throw malformed }
                return
            }
        }
        guard index > start else { throw malformed }
    }
}
