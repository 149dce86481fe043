/// Names and histogram buckets of the router's Prometheus metrics, in one place so dashboards
/// and the facade agree.
enum MetricNames {
    static let requests = "claude_router_requests_total"
    static let requestDuration = "claude_router_request_duration_seconds"
    static let timeToFirstToken = "claude_router_time_to_first_token_seconds"
    static let upstreamAttempts = "claude_router_upstream_attempts_total"
    static let fallbacks = "claude_router_fallbacks_total"
    static let cooldownsActive = "claude_router_cooldowns_active"
    static let tokens = "claude_router_tokens_total"
    static let cost = "claude_router_cost_usd_total"
    static let budgetWarnings = "claude_router_budget_warnings_total"
    static let usageQueueDepth = "claude_router_usage_queue_depth"
    static let usageRecordsDropped = "claude_router_usage_records_dropped_total"
    static let usageRecordsWritten = "claude_router_usage_records_written_total"

    /// Whole requests run from tens of milliseconds to minutes of streaming.
    static let durationBuckets: [Duration] = [
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(120), .seconds(300),
    ]

    /// The first byte comes within milliseconds (cached) to tens of seconds (cold, thinking).
    static let timeToFirstTokenBuckets: [Duration] = [
        .milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(500), .seconds(1),
        .seconds(2), .seconds(5), .seconds(10), .seconds(30),
    ]

    /// Shown for an absent label value (no route, no target).
    static let none = "-"
}
