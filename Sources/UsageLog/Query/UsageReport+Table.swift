import RouteModel

extension UsageReport {
    /// The report as a terminal table (what `claude-router usage` prints): a header naming the
    /// window, one row per group and a total row. A cost followed by `+` leaves out requests
    /// whose target has no price.
    public var table: String {
        let headers = [groupBy.rawValue, "requests", "errors", "input", "output", "cache_read", "cache_write",
                       "reasoning", "cost_usd", "p50_ms", "p95_ms", "ttft_p50", "ttft_p95"]
        var rows = groups.map { [$0.key] + Self.cells($0.counters) }
        rows.append(["total"] + Self.cells(totals))
        var widths = headers.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        var text = "usage \(UTCTime(epochMilliseconds: from).iso8601) .. \(UTCTime(epochMilliseconds: to).iso8601)\n"
        text += line(headers) + "\n"
        let rule = String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))
        text += rule + "\n"
        for row in rows.dropLast() { text += line(row) + "\n" }
        text += rule + "\n"
        if let total = rows.last { text += line(total) + "\n" }
        return text
    }

    private static func cells(_ counters: UsageCounters) -> [String] {
        func optional(_ value: Int?) -> String { value.map(String.init) ?? "-" }
        return [
            String(counters.requests), String(counters.errors), String(counters.inputTokens),
            String(counters.outputTokens), String(counters.cacheReadTokens), String(counters.cacheWriteTokens),
            String(counters.reasoningTokens), counters.costUSD.decimalString + (counters.unpricedRequests > 0 ? "+" : ""),
            optional(counters.latency.percentile(0.5)), optional(counters.latency.percentile(0.95)),
            optional(counters.timeToFirstToken.percentile(0.5)), optional(counters.timeToFirstToken.percentile(0.95)),
        ]
    }
}
