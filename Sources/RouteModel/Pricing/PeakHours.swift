/// Windows of the UTC day (optionally Monday to Friday only) in which a provider charges its
/// peak rates. Public holidays are not modelled: a provider's holiday is billed as a weekday.
public struct PeakHours: Sendable, Equatable {
    /// `[start, end)` in minutes after UTC midnight; a window whose end is before its start
    /// runs over midnight.
    public let windows: [Window]
    /// Saturdays and Sundays (UTC) are off-peak all day.
    public let weekdaysOnly: Bool

    public struct Window: Sendable, Equatable {
        public let startMinute: Int
        public let endMinute: Int

        public init(startMinute: Int, endMinute: Int) {
            self.startMinute = startMinute
            self.endMinute = endMinute
        }

        func contains(minute: Int) -> Bool {
            startMinute <= endMinute ? (startMinute..<endMinute).contains(minute) : minute >= startMinute || minute < endMinute
        }
    }

    public init(windows: [Window], weekdaysOnly: Bool) {
        self.windows = windows
        self.weekdaysOnly = weekdaysOnly
    }

    public func contains(epochMilliseconds: Int64) -> Bool {
        let millisecondsPerDay: Int64 = 86_400_000
        let day = epochMilliseconds >= 0 ? epochMilliseconds / millisecondsPerDay : (epochMilliseconds - millisecondsPerDay + 1) / millisecondsPerDay
        let minute = Int((epochMilliseconds - day * millisecondsPerDay) / 60_000)
        if weekdaysOnly {
            // 1970-01-01 was a Thursday: with Monday as 0, day 0 is 3.
            let weekday = ((day + 3) % 7 + 7) % 7
            if weekday >= 5 { return false }
        }
        return windows.contains { $0.contains(minute: minute) }
    }
}
