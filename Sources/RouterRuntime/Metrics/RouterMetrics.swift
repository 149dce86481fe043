import Metrics
import Prometheus
import RouteModel
import Synchronization
import UsageLog

/// The router's metrics, emitted through swift-metrics into a Prometheus registry and served
/// as text by `GET /metrics`.
///
/// The request path calls ``requestFinished(_:)`` once per request with its usage record (or
/// the finer calls), the cooldown tracker ``cooldownsActive(_:)``, and the `/metrics` handler
/// ``exposition(usageWriter:)``. Each instance has its own registry, so tests do not share
/// state; ``factory`` can also be passed to `MetricsSystem.bootstrap` so metrics of libraries
/// land in the same exposition.
public final class RouterMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let factory: PrometheusMetricsFactory
    /// The writer's counters already turned into counter increments.
    private let usageSeen = Mutex((written: 0, dropped: 0))

    /// `Content-Type` of ``exposition(usageWriter:)``.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [
            MetricNames.requestDuration: MetricNames.durationBuckets,
            MetricNames.timeToFirstToken: MetricNames.timeToFirstTokenBuckets,
        ]
        self.factory = factory
    }

    /// Everything one finished request tells: its count by route/target/status, latency and
    /// TTFT, each upstream attempt, fallbacks (attempts after the first) and tokens by kind.
    public func requestFinished(_ record: UsageRecord) {
        let route = record.route ?? MetricNames.none
        let target = record.target ?? MetricNames.none
        requestFinished(
            route: route, target: target, status: record.status,
            duration: .milliseconds(record.durationMilliseconds),
            timeToFirstToken: record.ttftMilliseconds.map { .milliseconds($0) }
        )
        for attempt in record.attempts { upstreamAttempt(target: attempt.target, status: attempt.status) }
        if record.attempts.count > 1 { fallbacks(route: route, count: record.attempts.count - 1) }
        tokens(target: target, kind: "input", record.inputTokens)
        tokens(target: target, kind: "output", record.outputTokens)
        tokens(target: target, kind: "cache_read", record.cacheReadTokens)
        tokens(target: target, kind: "cache_write", record.cacheWriteTokens)
        tokens(target: target, kind: "reasoning", record.reasoningTokens)
        if let cost = record.costUSD { self.cost(target: target, client: record.client, cost) }
    }

    /// Adds a request's cost in US dollars, by target and client. A Prometheus counter is a
    /// float, so sums here may drift in the last digits; `/v1/usage` has the exact totals.
    public func cost(target: String, client: String, _ amount: USDAmount) {
        guard amount.picodollars > 0 else { return }
        Metrics.FloatingPointCounter(label: MetricNames.cost, dimensions: [("target", target), ("client", client)], factory: factory)
            .increment(by: Double(amount.picodollars) / Double(USDAmount.picodollarsPerDollar))
    }

    /// Counts a client's spend crossing its budget's `warn_at` fraction.
    func budgetWarning(_ warning: BudgetWarning) {
        Metrics.Counter(
            label: MetricNames.budgetWarnings, dimensions: [("client", warning.client), ("window", warning.window.rawValue)],
            factory: factory
        ).increment()
    }

    /// Counts a request and records its latency and, when a first byte was sent, its TTFT.
    public func requestFinished(route: String, target: String, status: Int, duration: Duration, timeToFirstToken: Duration?) {
        let dimensions = [("route", route), ("target", target)]
        Metrics.Counter(label: MetricNames.requests, dimensions: dimensions + [("status", String(status))], factory: factory)
            .increment()
        Metrics.Timer(label: MetricNames.requestDuration, dimensions: dimensions, factory: factory)
            .recordNanoseconds(Self.nanoseconds(duration))
        if let timeToFirstToken {
            Metrics.Timer(label: MetricNames.timeToFirstToken, dimensions: dimensions, factory: factory)
                .recordNanoseconds(Self.nanoseconds(timeToFirstToken))
        }
    }

    /// Counts one upstream attempt and how it ended.
    public func upstreamAttempt(target: String, status: Int) {
        Metrics.Counter(label: MetricNames.upstreamAttempts, dimensions: [("target", target), ("status", String(status))], factory: factory)
            .increment()
    }

    /// Counts moves to a next candidate within one request.
    public func fallbacks(route: String, count: Int = 1) {
        guard count > 0 else { return }
        Metrics.Counter(label: MetricNames.fallbacks, dimensions: [("route", route)], factory: factory).increment(by: count)
    }

    /// Sets how many keys/targets are cooling down now.
    public func cooldownsActive(_ count: Int) {
        Metrics.Meter(label: MetricNames.cooldownsActive, dimensions: [], factory: factory).set(count)
    }

    /// Adds tokens of one kind (`input`, `output`, `cache_read`, `cache_write`, `reasoning`).
    public func tokens(target: String, kind: String, _ count: Int?) {
        guard let count, count > 0 else { return }
        Metrics.Counter(label: MetricNames.tokens, dimensions: [("target", target), ("kind", kind)], factory: factory)
            .increment(by: count)
    }

    /// Updates the usage writer's gauges and counters from its statistics.
    public func observe(_ statistics: UsageWriterStatistics) {
        Metrics.Meter(label: MetricNames.usageQueueDepth, dimensions: [], factory: factory).set(statistics.queueDepth)
        let (newWritten, newDropped) = usageSeen.withLock { seen -> (Int, Int) in
            defer { seen = (statistics.written, statistics.dropped) }
            return (max(0, statistics.written - seen.written), max(0, statistics.dropped - seen.dropped))
        }
        let written = Metrics.Counter(label: MetricNames.usageRecordsWritten, dimensions: [], factory: factory)
        let dropped = Metrics.Counter(label: MetricNames.usageRecordsDropped, dimensions: [], factory: factory)
        if newWritten > 0 { written.increment(by: newWritten) }
        if newDropped > 0 { dropped.increment(by: newDropped) }
    }

    /// The Prometheus text exposition, after refreshing the usage writer's figures.
    public func exposition(usageWriter: UsageWriter? = nil) -> [UInt8] {
        if let usageWriter { observe(usageWriter.statistics) }
        return registry.emitToBuffer()
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
