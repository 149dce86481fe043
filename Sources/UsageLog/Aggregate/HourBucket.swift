/// The counters of one UTC hour: its total and one split per dimension a query can group by.
/// Keeping one split per dimension (not their cross product) keeps a bucket at a few dozen
/// entries however varied the traffic, so a query over months merges only thousands of them.
struct HourBucket: Sendable {
    var total = UsageCounters()
    var byModel: [String: UsageCounters] = [:]
    var byTarget: [String: UsageCounters] = [:]
    var byClient: [String: UsageCounters] = [:]
    var byRoute: [String: UsageCounters] = [:]

    /// Grouped and shown as `-` when a record has no value.
    static let none = "-"

    mutating func add(_ record: UsageRecord) {
        total.add(record)
        byModel[record.modelRequested, default: UsageCounters()].add(record)
        byTarget[record.target ?? Self.none, default: UsageCounters()].add(record)
        byClient[record.client, default: UsageCounters()].add(record)
        byRoute[record.route ?? Self.none, default: UsageCounters()].add(record)
    }

    /// The split a dimension grouping reads.
    func split(_ grouping: UsageGrouping) -> [String: UsageCounters] {
        switch grouping {
        case .day, .hour: [:]
        case .model: byModel
        case .target: byTarget
        case .client: byClient
        case .route: byRoute
        }
    }
}
