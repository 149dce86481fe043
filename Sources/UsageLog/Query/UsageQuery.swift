/// A window and a grouping of the usage aggregate: `GET /v1/usage?from=&to=&group_by=`.
public struct UsageQuery: Sendable, Equatable {
    /// Start of the window, epoch milliseconds (inclusive; widened down to its UTC hour).
    public var from: Int64
    /// End of the window, epoch milliseconds (exclusive; widened up to the next UTC hour).
    public var to: Int64
    public var groupBy: UsageGrouping

    public init(from: Int64, to: Int64, groupBy: UsageGrouping = .day) {
        self.from = from
        self.to = to
        self.groupBy = groupBy
    }

    /// The window used when `from` is not given: the last seven UTC days, today included.
    public static let defaultDays: Int64 = 7

    /// Builds a query from the parameters of the endpoint or the CLI flags.
    ///
    /// - `from`: a date (`2026-12-01`, that day's start) or a date-time; default: the start of
    ///   the UTC day six days before `to`'s day.
    /// - `to`: a date (that whole day is included) or a date-time (exclusive); default: now.
    /// - `groupBy`: `day` (default), `hour`, `model`, `target`, `client` or `route`.
    public static func parse(
        from: String?, to: String?, groupBy: String?, now: Int64 = UTCTime.nowMilliseconds()
    ) throws(UsageQueryError) -> UsageQuery {
        let grouping: UsageGrouping
        if let groupBy, !groupBy.isEmpty {
            guard let value = UsageGrouping(rawValue: groupBy.lowercased()) else { throw .invalidGroupBy(groupBy) }
            grouping = value
        } else {
            grouping = .day
        }
        let end: Int64
        if let to, !to.isEmpty {
            switch ISO8601Moment.parse(to) {
            case .date(let midnight): end = midnight + UTCTime.millisecondsPerDay
            case .dateTime(let moment): end = moment
            case nil: throw .invalidTime(parameter: "to", value: to)
            }
        } else {
            end = now
        }
        let start: Int64
        if let from, !from.isEmpty {
            switch ISO8601Moment.parse(from) {
            case .date(let midnight), .dateTime(let midnight): start = midnight
            case nil: throw .invalidTime(parameter: "from", value: from)
            }
        } else {
            let lastDay = UTCTime.floorDivide(end - 1, UTCTime.millisecondsPerDay)
            start = (lastDay - (defaultDays - 1)) * UTCTime.millisecondsPerDay
        }
        guard start < end else { throw .emptyWindow }
        return UsageQuery(from: start, to: end, groupBy: grouping)
    }
}

/// Why usage query parameters were rejected (the endpoint answers 400 with the description).
public enum UsageQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidGroupBy(String)
    case invalidTime(parameter: String, value: String)
    case emptyWindow

    public var description: String {
        switch self {
        case .invalidGroupBy(let value):
            "group_by must be one of \(UsageGrouping.allCases.map(\.rawValue).joined(separator: ", ")); got '\(value)'"
        case .invalidTime(let parameter, let value):
            "\(parameter) must be an ISO-8601 date (2026-12-01) or date-time (2026-12-01T10:00:00Z); got '\(value)'"
        case .emptyWindow:
            "from must be before to"
        }
    }
}
