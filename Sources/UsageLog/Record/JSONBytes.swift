/// Appends JSON scalars to a byte buffer. Hand-written because the usage line is written on
/// every request and `JSONEncoder`/`JSONSerialization` cost several times the whole line.
enum JSONBytes {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string literal: quotes, backslashes and control characters escaped, the rest
    /// copied as UTF-8.
    static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Native and small strings both expose contiguous UTF-8 here without a copy.
        let handled: Void? = value.utf8.withContiguousStorageIfAvailable { utf8 in
            appendEscaped(utf8, to: &out)
        }
        if handled == nil {
            Array(value.utf8).withUnsafeBufferPointer { appendEscaped($0, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The bytes of a string literal's content, escaped.
    private static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            appendEscape(byte, to: &out)
            runStart = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
    }

    private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        default:
            out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
    }

    static func appendInt<Value: BinaryInteger>(_ value: Value, to out: inout [UInt8]) {
        var magnitude = value.magnitude
        if value < 0 { out.append(UInt8(ascii: "-")) }
        let start = out.count
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        out[start...].reverse()
    }

    static func appendOptionalInt(_ value: Int?, to out: inout [UInt8]) {
        if let value { appendInt(value, to: &out) } else { appendNull(to: &out) }
    }

    static func appendOptionalString(_ value: String?, to out: inout [UInt8]) {
        if let value { appendString(value, to: &out) } else { appendNull(to: &out) }
    }

    static func appendBool(_ value: Bool, to out: inout [UInt8]) {
        out.append(contentsOf: value ? trueLiteral : falseLiteral)
    }

    static func appendNull(to out: inout [UInt8]) {
        out.append(contentsOf: nullLiteral)
    }

    /// `,"name":` (or `"name":` as the first member when `first`).
    static func appendKey(_ key: StaticString, first: Bool = false, to out: inout [UInt8]) {
        if !first { out.append(UInt8(ascii: ",")) }
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
    }

    private static let trueLiteral = Array("true".utf8)
    private static let falseLiteral = Array("false".utf8)
    private static let nullLiteral = Array("null".utf8)
}
