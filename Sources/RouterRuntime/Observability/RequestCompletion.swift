import Foundation
import Logging
import RouteModel
import UsageLog

/// Where a finished request goes: the log line, the usage log, the metrics, the dashboard's
/// recent requests, and the limits that charge its tokens and its cost. Every response path
/// ends in ``finish(_:)`` exactly once.
struct RequestCompletion: Sendable {
    let log: RequestLog
    let usage: UsageWriter?
    let metrics: RouterMetrics?
    var recent: RecentRequests?
    /// Prices the request (`cost_usd`); nil: every line says `cost_usd: null`.
    var prices: PriceBook?
    /// Charged with the request's cost.
    var budgets: BudgetBook?
    /// Learns each target's reported input against the estimate (for `count_tokens`).
    var calibration: InputTokenCalibration?

    func finish(_ record: RequestRecord) {
        log.emit(record)
        let startedAt = UsageRecordMapping.epochMilliseconds(record.startedAt)
        let cost = prices?.cost(target: record.target, usage: record.usage, startedAt: startedAt)
        let usageRecord = UsageRecordMapping.usageRecord(of: record, cost: cost)
        for permit in record.permits { permit.finish(tokensUsed: record.usage?.total ?? 0) }
        if record.status == 200, record.inbound == .anthropic, record.endpoint == InboundEndpoint.messages.rawValue {
            calibration?.observe(target: record.target, estimate: record.estimatedInputTokens, usage: record.usage)
        }
        if let cost, let budgets {
            for warning in budgets.charge(client: record.client, cost: cost, startedAt: startedAt) {
                log.logger.warning("client budget nearly spent", metadata: [
                    "client": .string(warning.client), "window": .string(warning.window.rawValue),
                ])
                metrics?.budgetWarning(warning)
            }
        }
        metrics?.requestFinished(usageRecord)
        recent?.add(RequestSummary(record: usageRecord, rule: record.rule, endpoint: record.endpoint))
        if let usage, usage.record(usageRecord) == .dropped {
            log.logger.error("usage record dropped: the usage queue is full", metadata: ["request_id": .string(record.requestID)])
        }
    }
}

/// A ``RequestRecord`` in the usage log's schema.
enum UsageRecordMapping {
    static func usageRecord(of record: RequestRecord, cost: USDAmount? = nil) -> UsageRecord {
        UsageRecord(
            timestampMilliseconds: epochMilliseconds(record.startedAt),
            requestID: record.requestID, client: record.client,
            inbound: record.inbound == .anthropic ? .anthropic : .openai,
            modelRequested: record.model ?? "", route: record.route, target: record.target,
            attempts: record.attempts.map { UsageRecord.Attempt(target: $0.target, status: $0.status) },
            status: record.status, error: record.errorCode, stream: record.stream,
            inputTokens: record.usage?.inputTokens, outputTokens: record.usage?.outputTokens,
            cacheReadTokens: record.usage?.cacheReadTokens, cacheWriteTokens: record.usage?.cacheWriteTokens,
            reasoningTokens: record.usage?.reasoningTokens, costUSD: cost,
            ttftMilliseconds: record.timeToFirstByte.map(RequestLog.milliseconds),
            durationMilliseconds: RequestLog.milliseconds(record.duration), bytesOut: record.bytesOut
        )
    }

    /// A start time as the usage log's `ts`: whole milliseconds since the epoch.
    static func epochMilliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}
