import RouteModel

/// Totals of a set of records: counts, tokens by kind, cost and latency/TTFT distributions.
public struct UsageCounters: Sendable, Equatable {
    public var requests = 0
    public var errors = 0
    public var inputTokens = 0
    public var outputTokens = 0
    public var cacheReadTokens = 0
    public var cacheWriteTokens = 0
    public var reasoningTokens = 0
    /// The sum of `cost_usd` over the records that have one: exact, so it equals the sum of
    /// the lines to the picodollar.
    public var costUSD = USDAmount.zero
    /// Records with `cost_usd: null` that used tokens (a target without a price, or lines of
    /// schema version 1): their cost is missing from `costUSD`.
    public var unpricedRequests = 0
    /// `duration_ms` of every record.
    public var latency = LogHistogram()
    /// `ttft_ms` of the records that have one.
    public var timeToFirstToken = LogHistogram()

    public init() {}

    public mutating func add(_ record: UsageRecord) {
        requests += 1
        if record.isError { errors += 1 }
        inputTokens += record.inputTokens ?? 0
        outputTokens += record.outputTokens ?? 0
        cacheReadTokens += record.cacheReadTokens ?? 0
        cacheWriteTokens += record.cacheWriteTokens ?? 0
        reasoningTokens += record.reasoningTokens ?? 0
        if let cost = record.costUSD {
            costUSD += cost
        } else if (record.inputTokens ?? 0) + (record.outputTokens ?? 0) + (record.cacheReadTokens ?? 0) + (record.cacheWriteTokens ?? 0) > 0 {
            unpricedRequests += 1
        }
        latency.record(record.durationMilliseconds)
        if let ttft = record.ttftMilliseconds { timeToFirstToken.record(ttft) }
    }

    public mutating func merge(_ other: UsageCounters) {
        requests += other.requests
        errors += other.errors
        inputTokens += other.inputTokens
        outputTokens += other.outputTokens
        cacheReadTokens += other.cacheReadTokens
        cacheWriteTokens += other.cacheWriteTokens
        reasoningTokens += other.reasoningTokens
        costUSD += other.costUSD
        unpricedRequests += other.unpricedRequests
        latency.merge(other.latency)
        timeToFirstToken.merge(other.timeToFirstToken)
    }
}
