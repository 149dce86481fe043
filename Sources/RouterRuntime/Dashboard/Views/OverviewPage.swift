import RouteModel
import UsageLog

/// `GET /ui/`: the range picker, the headline numbers, charts over time and the top tables.
enum OverviewPage {
    static func render(_ overview: Overview, hasUsageLog: Bool) -> String {
        let totals = overview.totals
        var out = "<div class=\"page-head\"><h1>Overview</h1>" + rangePicker(overview.range) + "</div>"
        out += "<p class=\"window\">From " + Format.time(overview.series.from) + " to " + Format.time(overview.series.to)
            + " (whole UTC hours; the same aggregate as <code>GET /v1/usage</code>).</p>"
        if !hasUsageLog {
            out += "<p class=\"notice\">The router runs without a data directory: no usage log, so nothing to count.</p>"
        }
        out += "<section class=\"stats\">"
        out += HTML.stat("Requests", Format.count(totals.requests), id: "stat-requests", detail: "errors included")
        out += HTML.stat("Errors", Format.count(totals.errors), id: "stat-errors", detail: Format.percent(totals.errors, of: totals.requests) + " error rate")
        out += HTML.stat("Input tokens", Format.tokens(totals.inputTokens), id: "stat-input", detail: Format.count(totals.inputTokens))
        out += HTML.stat("Output tokens", Format.tokens(totals.outputTokens), id: "stat-output", detail: Format.count(totals.outputTokens))
        out += HTML.stat("Cache tokens", Format.tokens(totals.cacheReadTokens + totals.cacheWriteTokens), id: "stat-cache",
                         detail: "read " + Format.tokens(totals.cacheReadTokens) + " · write " + Format.tokens(totals.cacheWriteTokens))
        out += HTML.stat("Cost", Format.usd(totals.costUSD), id: "stat-cost",
                         detail: totals.unpricedRequests == 0 ? "every request priced" : Format.count(totals.unpricedRequests) + " without a price")
        out += HTML.stat("Latency", Format.milliseconds(totals.latency.percentile(0.5)), id: "stat-latency",
                         detail: "p50 · p95 " + Format.milliseconds(totals.latency.percentile(0.95)))
        out += HTML.stat("Time to first token", Format.milliseconds(totals.timeToFirstToken.percentile(0.5)), id: "stat-ttft",
                         detail: "p50 · p95 " + Format.milliseconds(totals.timeToFirstToken.percentile(0.95)))
        out += "</section>"
        out += charts(overview)
        out += "<section class=\"tops\">"
        out += top("Top models", overview.models, id: "top-models")
        out += top("Top targets", overview.targets, id: "top-targets")
        out += top("Top clients", overview.clients, id: "top-clients")
        out += "</section>"
        return out
    }

    private static func rangePicker(_ range: OverviewRange) -> String {
        var out = "<div class=\"range\">"
        for preset in OverviewRange.presets {
            out += "<a href=\"/ui/?range=\(preset.name)\"" + (range.name == preset.name ? " aria-current=\"true\"" : "") + ">\(preset.name)</a>"
        }
        let from = UTCTime(epochMilliseconds: range.query.from).dayString
        let to = UTCTime(epochMilliseconds: range.query.to - 1).dayString
        out += "<form method=\"get\" action=\"/ui/\" class=\"custom-range\"><input type=\"hidden\" name=\"range\" value=\"custom\">"
        out += "<label>from <input type=\"date\" name=\"from\" value=\"\(from)\"></label>"
        out += "<label>to <input type=\"date\" name=\"to\" value=\"\(to)\"></label><button type=\"submit\">Show</button></form>"
        return out + "</div>"
    }

    private static func charts(_ overview: Overview) -> String {
        let groups = overview.series.groups
        let labels = groups.map { label($0.key, bucket: overview.range.bucket) }
        let unit = overview.range.bucket == .hour ? "hour" : "day"
        var out = "<section class=\"charts\">"
        out += "<figure><figcaption>Requests per \(unit)</figcaption>"
        out += SVGChart.stackedBars(id: "chart-requests", labels: labels, series: [
            .init(name: "succeeded", slot: "s1", values: groups.map { Double($0.counters.requests - $0.counters.errors) }),
            .init(name: "errors", slot: "s4", values: groups.map { Double($0.counters.errors) }),
        ], unit: { Format.compact($0) }) + "</figure>"
        out += "<figure><figcaption>Tokens per \(unit)</figcaption>"
        out += SVGChart.stackedBars(id: "chart-tokens", labels: labels, series: [
            .init(name: "input", slot: "s1", values: groups.map { Double($0.counters.inputTokens) }),
            .init(name: "output", slot: "s2", values: groups.map { Double($0.counters.outputTokens) }),
            .init(name: "cache read", slot: "s3", values: groups.map { Double($0.counters.cacheReadTokens) }),
            .init(name: "cache write", slot: "s5", values: groups.map { Double($0.counters.cacheWriteTokens) }),
        ], unit: { Format.compact($0) }) + "</figure>"
        out += "<figure><figcaption>Cost per \(unit)</figcaption>"
        out += SVGChart.stackedBars(id: "chart-cost", labels: labels, series: [
            .init(name: "cost (USD)", slot: "s5", values: groups.map { Double($0.counters.costUSD.picodollars) / Double(USDAmount.picodollarsPerDollar) }),
        ], unit: { $0 == 0 ? "$0" : "$" + Format.decimal($0, places: $0 < 1 ? 3 : 2) }) + "</figure>"
        out += "<figure><figcaption>Latency per \(unit)</figcaption>"
        func percentile(_ histogram: (UsageCounters) -> LogHistogram, _ fraction: Double) -> [Double] {
            groups.map { group in histogram(group.counters).percentile(fraction).map(Double.init) ?? -1 }
        }
        out += SVGChart.lines(id: "chart-latency", labels: labels, series: [
            .init(name: "latency p50", slot: "s1", values: percentile(\.latency, 0.5)),
            .init(name: "latency p95", slot: "s4", values: percentile(\.latency, 0.95)),
            .init(name: "TTFT p50", slot: "s2", values: percentile(\.timeToFirstToken, 0.5)),
            .init(name: "TTFT p95", slot: "s3", values: percentile(\.timeToFirstToken, 0.95)),
        ], unit: { Format.milliseconds(Int($0)) }) + "</figure>"
        return out + "</section>"
    }

    /// `18:00` for hours, `12-07` for days (UTC, like the window line).
    private static func label(_ key: String, bucket: UsageGrouping) -> String {
        if bucket == .hour, let t = key.firstIndex(of: "T") { return String(key[key.index(after: t)...].prefix(5)) }
        return String(key.suffix(5))
    }

    private static func top(_ title: String, _ report: UsageReport, id: String) -> String {
        let rows = report.groups.prefix(Overview.topCount).map { group -> [String] in
            [HTML.escape(group.key), Format.count(group.counters.requests), Format.percent(group.counters.errors, of: group.counters.requests),
             Format.tokens(group.counters.inputTokens + group.counters.outputTokens), Format.usd(group.counters.costUSD),
             Format.milliseconds(group.counters.latency.percentile(0.5))]
        }
        return "<div class=\"top\"><h2>\(HTML.escape(title))</h2>"
            + HTML.table(["Name", "Requests", "Errors", "Tokens", "Cost", "p50"], rows, id: id, numericFrom: 1) + "</div>"
    }
}
