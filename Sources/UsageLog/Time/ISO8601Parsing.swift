/// What a `from` or `to` parameter said: a whole day or an exact moment.
public enum ISO8601Moment: Sendable, Equatable {
    /// `2026-12-01`: the start of that UTC day, in epoch milliseconds.
    case date(Int64)
    /// `2026-12-01T10:00:00Z` (seconds, fraction and offset optional), in epoch milliseconds.
    case dateTime(Int64)

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z`, `±HH:MM` or nothing
    /// (taken as UTC). Returns nil for anything else, including impossible dates.
    public static func parse(_ text: String) -> ISO8601Moment? {
        var copy = text
        return copy.withUTF8 { parse(utf8: $0) }
    }

    /// ``parse(_:)`` over UTF-8 bytes, so a line parser need not build a string first.
    public static func parse(utf8: UnsafeBufferPointer<UInt8>) -> ISO8601Moment? {
        var scanner = DigitScanner(utf8)
        guard let year = scanner.number(digits: 4), scanner.take("-"),
              let month = scanner.number(digits: 2), scanner.take("-"),
              let day = scanner.number(digits: 2),
              (1...12).contains(month), (1...UTCTime.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        let midnight = UTCTime(year: year, month: month, day: day).epochMilliseconds
        if scanner.atEnd { return .date(midnight) }
        guard scanner.take("T") || scanner.take(" ") || scanner.take("t"),
              let hour = scanner.number(digits: 2), scanner.take(":"),
              let minute = scanner.number(digits: 2), hour < 24, minute < 60
        else { return nil }
        var second = 0
        var millisecond = 0
        if scanner.take(":") {
            guard let value = scanner.number(digits: 2), value < 61 else { return nil }
            second = min(value, 59)
            if scanner.take(".") {
                guard let fraction = scanner.fraction() else { return nil }
                millisecond = fraction
            }
        }
        var offsetMilliseconds: Int64 = 0
        if scanner.take("Z") || scanner.take("z") {
        } else if let sign = scanner.sign() {
            guard let offsetHours = scanner.number(digits: 2) else { return nil }
            _ = scanner.take(":")
            guard let offsetMinutes = scanner.number(digits: 2) else { return nil }
            offsetMilliseconds = Int64(sign) * (Int64(offsetHours) * 3_600_000 + Int64(offsetMinutes) * 60_000)
        }
        guard scanner.atEnd else { return nil }
        let local = midnight + Int64(hour) * 3_600_000 + Int64(minute) * 60_000 + Int64(second) * 1000 + Int64(millisecond)
        return .dateTime(local - offsetMilliseconds)
    }
}

/// Reads fixed-width decimal fields out of ASCII bytes (valid only while `bytes` is).
private struct DigitScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int? {
        if take("+") { return 1 }
        if take("-") { return -1 }
        return nil
    }

    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<digits {
            let byte = bytes[index + offset]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        index += digits
        return value
    }

    /// One or more digits after a decimal point, as milliseconds (extra digits are cut off).
    mutating func fraction() -> Int? {
        var value = 0
        var count = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            if count < 3 { value = value * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
            count += 1
            index += 1
        }
        guard count > 0 else { return nil }
        var scaled = count
        while scaled < 3 { value *= 10; scaled += 1 }
        return value
    }
}
