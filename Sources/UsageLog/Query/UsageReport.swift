/// The answer to a ``UsageQuery``: totals of the window and one row per group.
public struct UsageReport: Sendable, Equatable {
    /// One group: its key (a day, an hour, a model, ...) and its counters.
    public struct Group: Sendable, Equatable {
        public var key: String
        public var counters: UsageCounters

        public init(key: String, counters: UsageCounters) {
            self.key = key
            self.counters = counters
        }
    }

    /// The effective window (whole UTC hours), epoch milliseconds, `to` exclusive.
    public var from: Int64
    public var to: Int64
    public var groupBy: UsageGrouping
    public var totals: UsageCounters
    public var groups: [Group]
}
