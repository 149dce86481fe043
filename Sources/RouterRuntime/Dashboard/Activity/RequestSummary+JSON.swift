import UsageLog

extension RequestSummary {
    /// One request for `GET /v1/admin/requests` and the live event stream:
    /// `{"request_id","ts","client","endpoint","inbound","model","route","rule","target",
    ///   "attempts":[{"target","status"}],"status","error","stream","input_tokens",
    ///   "output_tokens","cache_read_tokens","cache_write_tokens","reasoning_tokens",
    ///   "ttft_ms","duration_ms","bytes_out"}`; unknown values are null.
    var json: String {
        let record = record
        func optional(_ value: String?) -> String { value.map(JSONText.quote) ?? "null" }
        func optional(_ value: Int?) -> String { value.map(String.init) ?? "null" }
        let attempts = record.attempts.map { "{\"target\":\(JSONText.quote($0.target)),\"status\":\($0.status)}" }.joined(separator: ",")
        return "{\"request_id\":\(JSONText.quote(record.requestID))"
            + ",\"ts\":\(JSONText.quote(UTCTime(epochMilliseconds: record.timestampMilliseconds).iso8601))"
            + ",\"client\":\(JSONText.quote(record.client)),\"endpoint\":\(JSONText.quote(endpoint))"
            + ",\"inbound\":\(JSONText.quote(record.inbound.rawValue)),\"model\":\(JSONText.quote(record.modelRequested))"
            + ",\"route\":\(optional(record.route)),\"rule\":\(optional(rule)),\"target\":\(optional(record.target))"
            + ",\"attempts\":[\(attempts)],\"status\":\(record.status),\"error\":\(optional(record.error)),\"stream\":\(record.stream)"
            + ",\"input_tokens\":\(optional(record.inputTokens)),\"output_tokens\":\(optional(record.outputTokens))"
            + ",\"cache_read_tokens\":\(optional(record.cacheReadTokens)),\"cache_write_tokens\":\(optional(record.cacheWriteTokens))"
            + ",\"reasoning_tokens\":\(optional(record.reasoningTokens)),\"ttft_ms\":\(optional(record.ttftMilliseconds))"
            + ",\"duration_ms\":\(record.durationMilliseconds),\"bytes_out\":\(record.bytesOut)}"
    }
}
