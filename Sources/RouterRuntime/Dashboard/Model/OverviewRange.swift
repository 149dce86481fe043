import UsageLog

/// The window the Overview shows: the last hour, 24 hours, 7 or 30 days, or a custom
/// `from`/`to`, with the bucket its charts use (hours up to two days, days beyond).
struct OverviewRange: Sendable, Equatable {
    static let presets: [(name: String, hours: Int64)] = [("1h", 1), ("24h", 24), ("7d", 7 * 24), ("30d", 30 * 24)]
    /// The range when none is asked for; it includes the last hour.
    static let defaultName = "24h"

    let name: String
    let query: UsageQuery

    var bucket: UsageGrouping { query.to - query.from <= 48 * UTCTime.millisecondsPerHour ? .hour : .day }

    static func parse(range: String?, from: String?, to: String?, now: Int64 = UTCTime.nowMilliseconds()) throws(UsageQueryError) -> OverviewRange {
        let name = range.flatMap { $0.isEmpty ? nil : $0 } ?? ((from?.isEmpty == false) ? "custom" : defaultName)
        if let preset = presets.first(where: { $0.name == name }) {
            return OverviewRange(name: name, query: UsageQuery(from: now - preset.hours * UTCTime.millisecondsPerHour, to: now, groupBy: .hour))
        }
        guard name == "custom" else { throw .invalidGroupBy("range=\(name) (use 1h, 24h, 7d, 30d or custom)") }
        return OverviewRange(name: name, query: try UsageQuery.parse(from: from, to: to, groupBy: "hour", now: now))
    }
}
