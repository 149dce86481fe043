import Foundation

/// A UTC calendar moment, computed with integer arithmetic only: formatting a timestamp for
/// every usage line through `DateFormatter` would cost more than the rest of the line.
public struct UTCTime: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var millisecond: Int

    public static let millisecondsPerHour: Int64 = 3_600_000
    public static let millisecondsPerDay: Int64 = 86_400_000

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
    }

    /// The UTC moment of `milliseconds` since 1970-01-01T00:00:00Z.
    public init(epochMilliseconds milliseconds: Int64) {
        let days = Self.floorDivide(milliseconds, Self.millisecondsPerDay)
        let inDay = Int(milliseconds - days * Self.millisecondsPerDay)
        let (year, month, day) = Self.civil(fromDays: days)
        self.init(
            year: year, month: month, day: day,
            hour: inDay / 3_600_000, minute: inDay / 60_000 % 60, second: inDay / 1000 % 60,
            millisecond: inDay % 1000
        )
    }

    /// Milliseconds since the epoch.
    public var epochMilliseconds: Int64 {
        let days = Self.days(fromCivilYear: year, month: month, day: day)
        return days * Self.millisecondsPerDay
            + Int64(hour) * 3_600_000 + Int64(minute) * 60_000 + Int64(second) * 1000 + Int64(millisecond)
    }

    /// Milliseconds since the epoch of the current instant.
    public static func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// `2026-12-01T18:57:30.123Z`.
    public var iso8601: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendISO8601(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `2026-12-01T18:57:30.123Z`, appended as ASCII bytes.
    public func appendISO8601(to bytes: inout [UInt8]) {
        appendDay(to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        Self.appendDigits(hour, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        Self.appendDigits(minute, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        Self.appendDigits(second, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        Self.appendDigits(millisecond, width: 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// `2026-12-01`.
    public var dayString: String {
        var bytes: [UInt8] = []
        appendDay(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `2026-12-01T18:00Z`: the hour a record falls in.
    public var hourString: String {
        var bytes: [UInt8] = []
        appendDay(to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        Self.appendDigits(hour, width: 2, to: &bytes)
        bytes.append(contentsOf: Array(":00Z".utf8))
        return String(decoding: bytes, as: UTF8.self)
    }

    private func appendDay(to bytes: inout [UInt8]) {
        Self.appendDigits(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        Self.appendDigits(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        Self.appendDigits(day, width: 2, to: &bytes)
    }

    private static func appendDigits(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = max(0, value)
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// Days since the epoch to a proleptic Gregorian date (H. Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    /// A proleptic Gregorian date to days since the epoch (H. Hinnant's `days_from_civil`).
    static func days(fromCivilYear year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Number of days in a month of a year.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
