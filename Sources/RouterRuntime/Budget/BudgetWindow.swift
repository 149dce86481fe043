import UsageLog

/// The UTC day and calendar month a moment falls in, with when each ends: the two windows a
/// client budget counts spend over.
struct BudgetWindow: Sendable, Equatable {
    /// Days since the epoch.
    let day: Int64
    /// `year * 12 + month - 1`.
    let month: Int
    let dayStart: Int64
    let dayEnd: Int64
    let monthStart: Int64
    let monthEnd: Int64

    init(epochMilliseconds: Int64) {
        let time = UTCTime(epochMilliseconds: epochMilliseconds)
        dayStart = UTCTime(year: time.year, month: time.month, day: time.day).epochMilliseconds
        dayEnd = dayStart + UTCTime.millisecondsPerDay
        day = dayStart / UTCTime.millisecondsPerDay
        month = time.year * 12 + time.month - 1
        monthStart = UTCTime(year: time.year, month: time.month, day: 1).epochMilliseconds
        let next = time.month == 12 ? (time.year + 1, 1) : (time.year, time.month + 1)
        monthEnd = UTCTime(year: next.0, month: next.1, day: 1).epochMilliseconds
    }

    /// Whole seconds from `now` until `end`, at least 1.
    static func seconds(from now: Int64, until end: Int64) -> Int {
        max(1, Int((end - now + 999) / 1000))
    }
}
