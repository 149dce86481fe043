import JSONEscaping

/// Appends JSON scalars to a byte buffer. Hand-written because the usage line is written on
/// every request and `JSONEncoder`/`JSONSerialization` cost several times the whole line.
enum JSONBytes {
    /// A JSON string literal: quotes, backslashes and control characters escaped, the rest
    /// copied as UTF-8.
    static func appendString(_ value: String, to out: inout [UInt8]) {
        JSONEscaping.append(quoting: value, to: &out)
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
