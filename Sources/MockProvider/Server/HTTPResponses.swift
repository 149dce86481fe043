import Hummingbird
import NIOCore

/// A header name spelled as text, for names that come from a script.
typealias HeaderName = HTTPFields.Element.Name

/// Builders for the mock's complete (non-streamed) responses.
enum HTTPResponses {
    /// A response with `body` as its complete content, plus `extraHeaders` (scripted ones
    /// replace the mock's own of the same name; invalid names or values are skipped).
    static func complete(
        status: Int,
        contentType: String,
        body: String,
        extraHeaders: [String: String] = [:]
    ) -> Response {
        Response(
            status: .init(code: status),
            headers: headers(contentType: contentType, extra: extraHeaders),
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }

    /// A JSON response.
    static func json(_ body: String, status: Int = 200, extraHeaders: [String: String] = [:]) -> Response {
        complete(status: status, contentType: "application/json", body: body, extraHeaders: extraHeaders)
    }

    /// An error body in `wire`'s format with the error's status.
    static func error(_ error: ErrorBody, wire: WireProtocol, extraHeaders: [String: String] = [:]) -> Response {
        json(error.json(for: wire), status: error.status, extraHeaders: extraHeaders)
    }

    /// `content-type` plus the scripted headers.
    static func headers(contentType: String, extra: [String: String]) -> HTTPFields {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        for (name, value) in extra {
            guard let name = HeaderName(name) else { continue }
            fields[name] = value
        }
        return fields
    }
}
