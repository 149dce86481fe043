import Hummingbird
import NIOCore

/// The parts of an HTTP request the mock records and matches on, read once per request.
struct RequestSnapshot: Sendable {
    var method: String
    var path: String
    var query: String
    /// Headers in arrival order, names lowercased, repeated names joined with ", ".
    var orderedHeaders: [(name: String, value: String)]
    /// The same headers by lowercased name.
    var headers: [String: String]
    var body: ByteBuffer

    init(_ request: Request, body: ByteBuffer) {
        method = request.method.rawValue
        path = request.uri.path
        query = request.uri.query ?? ""
        var ordered: [(name: String, value: String)] = []
        var byName: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            if let earlier = byName[name] {
                byName[name] = earlier + ", " + field.value
                if let position = ordered.firstIndex(where: { $0.name == name }) {
                    ordered[position].value = earlier + ", " + field.value
                }
            } else {
                byName[name] = field.value
                ordered.append((name, field.value))
            }
        }
        orderedHeaders = ordered
        headers = byName
        self.body = body
    }

    /// Whether the request presents `key` as `x-api-key` or as a bearer token.
    func presents(key: String) -> Bool {
        headers["x-api-key"] == key || headers["authorization"] == "Bearer \(key)"
    }

    /// The request as `/_mock/requests` lists it.
    func recording(wire: WireProtocol?, status: String = "", step: Int? = nil) -> RecordedRequest {
        RecordedRequest(
            method: method,
            path: path,
            query: query,
            headers: orderedHeaders,
            body: String(buffer: body),
            wire: wire,
            step: step,
            status: status
        )
    }
}
