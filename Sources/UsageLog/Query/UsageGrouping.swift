/// The `group_by` of a usage query.
public enum UsageGrouping: String, Sendable, CaseIterable {
    case day, hour, model, target, client, route

    /// The group key of an hour for the time groupings (`2026-12-01`, `2026-12-01T18:00Z`).
    func key(hour: Int64) -> String {
        let time = UTCTime(epochMilliseconds: hour * UTCTime.millisecondsPerHour)
        return self == .hour ? time.hourString : time.dayString
    }

    /// Time groups in time order; the others by requests, busiest first, then by name.
    func order(_ groups: [UsageReport.Group]) -> [UsageReport.Group] {
        switch self {
        case .day, .hour:
            return groups.sorted { $0.key < $1.key }
        case .model, .target, .client, .route:
            return groups.sorted {
                $0.counters.requests != $1.counters.requests ? $0.counters.requests > $1.counters.requests : $0.key < $1.key
            }
        }
    }
}
