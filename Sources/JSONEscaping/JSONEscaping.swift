/// JSON string literals written by hand, shared by every target that builds JSON text itself.
///
/// The output is the shortest common form: `"` and `\` are escaped with a backslash, the
/// control characters U+0000–U+001F as `\n`, `\r`, `\t`, `\b`, `\f` or `\u00xx` (lowercase hex),
/// and every other byte, `/`, DEL and non-ASCII UTF-8 (U+2028 and U+2029 included) is copied
/// as is. Byte-level entries copy invalid UTF-8 through unchanged.
public enum JSONEscaping {
    /// Appends `value` as a JSON string literal, quotes included, to `out`.
    public static func append(quoting value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Native and small strings both expose contiguous UTF-8 here without a copy.
        let handled: Void? = value.utf8.withContiguousStorageIfAvailable { appendEscaped($0, to: &out) }
        if handled == nil {
            Array(value.utf8).withUnsafeBufferPointer { appendEscaped($0, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends a JSON string literal, quotes included, whose content is the UTF-8 `bytes`.
    @inlinable
    public static func append(quotingUTF8 bytes: some Collection<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        append(escapingUTF8: bytes, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends the UTF-8 `bytes` escaped as the inside of a JSON string literal, without quotes.
    @inlinable
    public static func append(escapingUTF8 bytes: some Collection<UInt8>, to out: inout [UInt8]) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { appendEscaped($0, to: &out) }
        if handled == nil {
            Array(bytes).withUnsafeBufferPointer { appendEscaped($0, to: &out) }
        }
    }

    /// `value` as a JSON string literal, quotes included.
    public static func quoted(_ value: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count + 2)
        append(quoting: value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Copies `utf8` to `out`, escaping what JSON requires: runs of bytes that need no escape go
    /// out with one `append(contentsOf:)`, and the scan skips 8 bytes at a time while none of
    /// them is a quote, a backslash or a control character.
    @usableFromInline
    static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let base = utf8.baseAddress else { return }
        let count = utf8.count
        var runStart = 0
        var index = 0
        while index &+ 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            guard wordNeedsEscape(word) else {
                index &+= 8
                continue
            }
            escapeBytes(base, &index, upTo: index &+ 8, runStart: &runStart, to: &out)
        }
        escapeBytes(base, &index, upTo: count, runStart: &runStart, to: &out)
        if count > runStart {
            out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count &- runStart))
        }
    }

    @inline(__always)
    private static func byteNeedsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Whether any of the 8 bytes in `word` is below 0x20, a quote or a backslash. The classic
    /// "has a byte less than n" / "has a zero byte" bit tricks: exact as a yes/no answer (a
    /// borrow can only mark bytes above one that really matches).
    /// Public for the JSON parser's string scan, which looks for the same three kinds of byte.
    @inlinable @inline(__always)
    public static func wordNeedsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let quote = (quotes &- ones) & ~quotes
        let backslash = (backslashes &- ones) & ~backslashes
        return (control | quote | backslash) & highs != 0
    }

    private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        default:
            out.append(UInt8(ascii: "u"))
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "0"))
            out.append(hexDigit(byte >> 4))
            out.append(hexDigit(byte & 0x0F))
        }
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") &+ nibble : UInt8(ascii: "a") &+ (nibble &- 10)
    }

    /// The byte loop: escapes what needs it in `index..<end`, flushing the plain run before each.
    @inline(__always)
    private static func escapeBytes(
        _ base: UnsafePointer<UInt8>, _ index: inout Int, upTo end: Int, runStart: inout Int, to out: inout [UInt8]
    ) {
        while index < end {
            let byte = base[index]
            if byteNeedsEscape(byte) {
                if index > runStart {
                    out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index &- runStart))
                }
                appendEscape(byte, to: &out)
                runStart = index &+ 1
            }
            index &+= 1
        }
    }
}
