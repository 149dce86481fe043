/// `GET /ui/requests`: the newest requests first, filtered, updating live through the page's
/// event stream; `GET /ui/requests/{id}`: one request's routing story.
enum RequestsPage {
    static let columns = ["Time", "Client", "Model", "Route", "Target", "Attempts", "Status", "Tokens in/out", "TTFT", "Duration"]

    static func render(_ summaries: [RequestSummary], filter: RequestFilter, capacity: Int) -> String {
        var out = "<div class=\"page-head\"><h1>Requests</h1><span class=\"live\" id=\"live-state\">live updates need JavaScript</span></div>"
        out += filterForm(filter)
        out += "<p class=\"hint\">The last \(Format.count(capacity)) requests since the router started, newest first; no prompt or response is kept. Older usage is on the Overview.</p>"
        let rows = summaries.map(row)
        out += "<div class=\"table-wrap\"><table id=\"requests\" data-stream=\"/v1/admin/requests/stream\"><thead><tr>"
        for (index, column) in columns.enumerated() { out += (index >= 7 ? "<th class=\"num\">" : "<th>") + column + "</th>" }
        out += "</tr></thead><tbody id=\"requests-body\">" + rows.joined()
        out += "</tbody></table></div>"
        if summaries.isEmpty { out += "<p class=\"empty\" id=\"requests-empty\">No request has finished yet.</p>" }
        return out
    }

    static func row(_ summary: RequestSummary) -> String {
        let record = summary.record
        let statusClass = record.isError ? "bad" : "good"
        let tokens = record.inputTokens == nil && record.outputTokens == nil
            ? "—" : Format.count(record.inputTokens ?? 0) + " / " + Format.count(record.outputTokens ?? 0)
        let attempts = record.attempts.map { "\($0.status)" }.joined(separator: "→")
        return "<tr data-id=\"\(HTML.escape(record.requestID))\">"
            + "<td><a href=\"/ui/requests/\(HTML.escape(record.requestID))\">" + Format.time(record.timestampMilliseconds, style: "time") + "</a></td>"
            + "<td>\(HTML.escape(record.client))</td><td>\(HTML.escape(record.modelRequested))</td>"
            + "<td>\(HTML.escape(record.route ?? "—"))</td><td>\(HTML.escape(record.target ?? "—"))</td>"
            + "<td>\(HTML.escape(attempts.isEmpty ? "—" : attempts))</td>"
            + "<td><span class=\"pill \(statusClass)\">\(record.status)</span>" + (record.error.map { " <small>\(HTML.escape($0))</small>" } ?? "") + "</td>"
            + "<td class=\"num\">\(tokens)</td><td class=\"num\">\(Format.milliseconds(record.ttftMilliseconds))</td>"
            + "<td class=\"num\">\(Format.milliseconds(record.durationMilliseconds))</td></tr>"
    }

    private static func filterForm(_ filter: RequestFilter) -> String {
        func field(_ name: String, _ label: String, _ value: String?, placeholder: String) -> String {
            "<label>\(label)<input name=\"\(name)\" value=\"\(HTML.escape(value ?? ""))\" placeholder=\"\(placeholder)\"></label>"
        }
        var out = "<form class=\"filters\" id=\"filters\" method=\"get\" action=\"/ui/requests\">"
        out += field("client", "Client", filter.client, placeholder: "any")
        out += field("model", "Model", filter.model, placeholder: "any")
        out += field("target", "Target", filter.target, placeholder: "provider/model")
        out += field("status", "Status", filter.status, placeholder: "ok, error, 429, upstream_timeout")
        out += "<label>Streamed<select name=\"stream\">"
        for (value, label) in [("", "either"), ("yes", "streamed"), ("no", "not streamed")] {
            out += "<option value=\"\(value)\"" + ((filter.stream ?? "") == value ? " selected" : "") + ">\(label)</option>"
        }
        out += "</select></label><button type=\"submit\">Filter</button><a class=\"button-link\" href=\"/ui/requests\">Clear</a></form>"
        return out
    }

    static func detail(_ summary: RequestSummary) -> String {
        let record = summary.record
        var out = "<div class=\"page-head\"><h1>Request <code>\(HTML.escape(record.requestID))</code></h1><a href=\"/ui/requests\">← all requests</a></div>"
        out += "<section class=\"detail-grid\">"
        func item(_ label: String, _ value: String) -> String { "<div><dt>\(label)</dt><dd>\(value)</dd></div>" }
        out += "<dl>"
        out += item("Started", Format.time(record.timestampMilliseconds))
        out += item("Client", HTML.escape(record.client))
        out += item("Inbound", HTML.escape(record.inbound.rawValue) + " · endpoint <code>" + HTML.escape(summary.endpoint) + "</code>")
        out += item("Model asked", "<code>" + HTML.escape(record.modelRequested) + "</code>")
        out += item("Resolved through", record.route.map { "<code>" + HTML.escape($0) + "</code>" } ?? "a direct provider/model name")
        out += item("Rule fired", summary.rule.map { "<code>" + HTML.escape($0) + "</code>" } ?? "none")
        out += item("Answered by", record.target.map { "<code>" + HTML.escape($0) + "</code>" } ?? "no target")
        out += item("Status", "<span class=\"pill \(record.isError ? "bad" : "good")\">\(record.status)</span>" + (record.error.map { " " + HTML.escape($0) } ?? ""))
        out += item("Streamed", record.stream ? "yes" : "no")
        out += "</dl><dl>"
        out += item("Input tokens", record.inputTokens.map(Format.count) ?? "—")
        out += item("Output tokens", record.outputTokens.map(Format.count) ?? "—")
        out += item("Cache read / write", (record.cacheReadTokens.map(Format.count) ?? "—") + " / " + (record.cacheWriteTokens.map(Format.count) ?? "—"))
        out += item("Reasoning tokens", record.reasoningTokens.map(Format.count) ?? "—")
        out += item("Time to first token", Format.milliseconds(record.ttftMilliseconds))
        out += item("Duration", Format.milliseconds(record.durationMilliseconds))
        out += item("Bytes sent", Format.bytes(record.bytesOut))
        out += "</dl></section>"
        out += "<h2>Attempts</h2>"
        let rows = record.attempts.enumerated().map { index, attempt in
            ["\(index + 1)", "<code>" + HTML.escape(attempt.target) + "</code>",
             "<span class=\"pill \(attempt.status >= 400 || attempt.status == 0 ? "bad" : "good")\">\(attempt.status)</span>",
             attempt.status >= 400 ? HTML.escape(RecentRequests.errorClass(status: attempt.status)) : "answered"]
        }
        out += HTML.table(["#", "Target", "Status", "Outcome"], rows, id: "attempts")
        out += "<p class=\"hint\">The <code>x-router-attempts</code> header of this response read <code>"
            + HTML.escape(record.attempts.isEmpty ? "-" : record.attempts.map { "\($0.target):\($0.status)" }.joined(separator: ",")) + "</code>.</p>"
        return out
    }
}
