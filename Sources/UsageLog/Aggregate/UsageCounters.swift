/// Totals of a set of records: counts, tokens by kind and latency/TTFT distributions.
public struct UsageCounters: Sendable, Equatable {
    public var requests = 0
    public var errors = 0
    public var inputTokens = 0
    public var outputTokens = 0
    public var cacheReadTokens = 0
    public var cacheWriteTokens = 0
    public var reasoningTokens = 0
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
        latency.merge(other.latency)
        timeToFirstToken.merge(other.timeToFirstToken)
    }
}
