import Logging
import UsageLog

/// Where a finished request goes: the log line, the usage log, the metrics, the dashboard's
/// recent requests, and the limits that charge its tokens. Every response path ends in
/// ``finish(_:)`` exactly once.
struct RequestCompletion: Sendable {
    let log: RequestLog
    let usage: UsageWriter?
    let metrics: RouterMetrics?
    var recent: RecentRequests?

    func finish(_ record: RequestRecord) {
        log.emit(record)
        let usageRecord = UsageRecordMapping.usageRecord(of: record)
        for permit in record.permits { permit.finish(tokensUsed: record.usage?.total ?? 0) }
        metrics?.requestFinished(usageRecord)
        recent?.add(RequestSummary(record: usageRecord, rule: record.rule, endpoint: record.endpoint))
        if let usage, usage.record(usageRecord) == .dropped {
            log.logger.error("usage record dropped: the usage queue is full", metadata: ["request_id": .string(record.requestID)])
        }
    }
}

/// A ``RequestRecord`` in the usage log's schema.
enum UsageRecordMapping {
    static func usageRecord(of record: RequestRecord) -> UsageRecord {
        UsageRecord(
            timestampMilliseconds: Int64((record.startedAt.timeIntervalSince1970 * 1000).rounded(.down)),
            requestID: record.requestID, client: record.client,
            inbound: record.inbound == .anthropic ? .anthropic : .openai,
            modelRequested: record.model ?? "", route: record.route, target: record.target,
            attempts: record.attempts.map { UsageRecord.Attempt(target: $0.target, status: $0.status) },
            status: record.status, error: record.errorCode, stream: record.stream,
            inputTokens: record.usage?.inputTokens, outputTokens: record.usage?.outputTokens,
            cacheReadTokens: record.usage?.cacheReadTokens, cacheWriteTokens: record.usage?.cacheWriteTokens,
            reasoningTokens: record.usage?.reasoningTokens,
            ttftMilliseconds: record.timeToFirstByte.map(RequestLog.milliseconds),
            durationMilliseconds: RequestLog.milliseconds(record.duration), bytesOut: record.bytesOut
        )
    }
}
