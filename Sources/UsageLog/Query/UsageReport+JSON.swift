import RouteModel

extension UsageReport {
    /// The body of `GET /v1/usage`:
    ///
    /// ```json
    /// {"object":"usage_report","from":"2026-12-01T00:00:00.000Z","to":"2026-12-02T00:00:00.000Z",
    ///  "group_by":"model",
    ///  "totals":{"requests":12,"errors":1,"input_tokens":3400,"output_tokens":800,
    ///            "cache_read_tokens":0,"cache_write_tokens":0,"reasoning_tokens":0,
    ///            "cost_usd":0.01234,"unpriced_requests":0,
    ///            "latency_p50_ms":820,"latency_p95_ms":2950,"ttft_p50_ms":310,"ttft_p95_ms":900},
    ///  "groups":[{"key":"claude-sonnet-4-5","requests":12, ...same fields as totals...}]}
    /// ```
    ///
    /// `cost_usd` is the exact sum of the lines' `cost_usd` (lines without a price add nothing;
    /// `unpriced_requests` counts those that used tokens). Percentiles are null when the window has no sample (TTFT exists only for requests that
    /// sent a first byte); they are read from log buckets, within ≈3 % of the exact value.
    public var jsonBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + groups.count * 320)
        out.append(UInt8(ascii: "{"))
        JSONBytes.appendKey("object", first: true, to: &out)
        JSONBytes.appendString("usage_report", to: &out)
        JSONBytes.appendKey("from", to: &out)
        JSONBytes.appendString(UTCTime(epochMilliseconds: from).iso8601, to: &out)
        JSONBytes.appendKey("to", to: &out)
        JSONBytes.appendString(UTCTime(epochMilliseconds: to).iso8601, to: &out)
        JSONBytes.appendKey("group_by", to: &out)
        JSONBytes.appendString(groupBy.rawValue, to: &out)
        JSONBytes.appendKey("totals", to: &out)
        out.append(UInt8(ascii: "{"))
        Self.appendFields(totals, first: true, to: &out)
        out.append(UInt8(ascii: "}"))
        JSONBytes.appendKey("groups", to: &out)
        out.append(UInt8(ascii: "["))
        for (index, group) in groups.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "{"))
            JSONBytes.appendKey("key", first: true, to: &out)
            JSONBytes.appendString(group.key, to: &out)
            Self.appendFields(group.counters, first: false, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static func appendFields(_ counters: UsageCounters, first: Bool, to out: inout [UInt8]) {
        JSONBytes.appendKey("requests", first: first, to: &out)
        JSONBytes.appendInt(counters.requests, to: &out)
        JSONBytes.appendKey("errors", to: &out)
        JSONBytes.appendInt(counters.errors, to: &out)
        JSONBytes.appendKey("input_tokens", to: &out)
        JSONBytes.appendInt(counters.inputTokens, to: &out)
        JSONBytes.appendKey("output_tokens", to: &out)
        JSONBytes.appendInt(counters.outputTokens, to: &out)
        JSONBytes.appendKey("cache_read_tokens", to: &out)
        JSONBytes.appendInt(counters.cacheReadTokens, to: &out)
        JSONBytes.appendKey("cache_write_tokens", to: &out)
        JSONBytes.appendInt(counters.cacheWriteTokens, to: &out)
        JSONBytes.appendKey("reasoning_tokens", to: &out)
        JSONBytes.appendInt(counters.reasoningTokens, to: &out)
        JSONBytes.appendKey("cost_usd", to: &out)
        counters.costUSD.appendDecimal(to: &out)
        JSONBytes.appendKey("unpriced_requests", to: &out)
        JSONBytes.appendInt(counters.unpricedRequests, to: &out)
        JSONBytes.appendKey("latency_p50_ms", to: &out)
        JSONBytes.appendOptionalInt(counters.latency.percentile(0.5), to: &out)
        JSONBytes.appendKey("latency_p95_ms", to: &out)
        JSONBytes.appendOptionalInt(counters.latency.percentile(0.95), to: &out)
        JSONBytes.appendKey("ttft_p50_ms", to: &out)
        JSONBytes.appendOptionalInt(counters.timeToFirstToken.percentile(0.5), to: &out)
        JSONBytes.appendKey("ttft_p95_ms", to: &out)
        JSONBytes.appendOptionalInt(counters.timeToFirstToken.percentile(0.95), to: &out)
    }
}
