/// One request as the mock received it, for `GET /_mock/requests`.
struct RecordedRequest: Sendable {
    var method: String
    /// The path without the query string.
    var path: String
    /// The query string without `?`; empty when there is none.
    var query: String
    /// Headers in arrival order, names lowercased, repeated names joined with ", ".
    var headers: [(name: String, value: String)]
    /// The raw body as text (invalid UTF-8 replaced).
    var body: String
    /// The protocol of the endpoint, `nil` for requests that have none.
    var wire: WireProtocol?
    /// The index of the script step that served the request.
    var step: Int?
    /// The response status, or `reset` for a dropped connection.
    var status: String

    /// Appends the request as a JSON object to `out`.
    func write(to out: inout String) {
        out += "{\"method\":"
        JSONText.appendQuoted(method, to: &out)
        out += ",\"path\":"
        JSONText.appendQuoted(path, to: &out)
        out += ",\"query\":"
        JSONText.appendQuoted(query, to: &out)
        out += ",\"headers\":{"
        for (offset, header) in headers.enumerated() {
            if offset > 0 { out += "," }
            JSONText.appendQuoted(header.name, to: &out)
            out += ":"
            JSONText.appendQuoted(header.value, to: &out)
        }
        out += "},\"body\":"
        JSONText.appendQuoted(body, to: &out)
        out += ",\"protocol\":"
        if let wire { JSONText.appendQuoted(wire.rawValue, to: &out) } else { out += "null" }
        out += ",\"step\":"
        if let step { out += String(step) } else { out += "null" }
        out += ",\"status\":"
        JSONText.appendQuoted(status, to: &out)
        out += "}"
    }
}
