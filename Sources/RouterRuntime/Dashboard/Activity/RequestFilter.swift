import RouteModel

/// The Requests page's filters (query parameters `client`, `model`, `target`, `status`,
/// `stream`); the page's script applies the same rules to rows that arrive live.
struct RequestFilter: Sendable, Equatable {
    var client: String?
    var model: String?
    var target: String?
    /// `ok`, `error`, an HTTP status (`429`) or an error class (`upstream_timeout`).
    var status: String?
    /// `yes` or `no`.
    var stream: String?

    init(parameters: (String) -> String?) {
        func value(_ name: String) -> String? {
            guard let text = parameters(name)?.trimmingSpaces(), !text.isEmpty else { return nil }
            return text
        }
        client = value("client")
        model = value("model")
        target = value("target")
        status = value("status")
        stream = value("stream")
    }

    func matches(_ summary: RequestSummary) -> Bool {
        let record = summary.record
        if let client, record.client != client { return false }
        if let model, record.modelRequested != model, record.route != model { return false }
        if let target, record.target != target, !record.attempts.contains(where: { $0.target == target }) { return false }
        if let stream, record.stream != (stream == "yes") { return false }
        if let status {
            switch status {
            case "ok": if record.isError { return false }
            case "error": if !record.isError { return false }
            default: if String(record.status) != status, record.error != status { return false }
            }
        }
        return true
    }

    /// The filter as query parameters (`client=a&status=error`), for links.
    var query: String {
        [("client", client), ("model", model), ("target", target), ("status", status), ("stream", stream)]
            .compactMap { name, value in value.map { name + "=" + DashboardResponse.queryEscape($0) } }
            .joined(separator: "&")
    }
}
