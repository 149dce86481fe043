import HTTPTypes
import Hummingbird
import NIOCore
import RouteModel

/// Builds every response the router sends, so that each carries the request id and the
/// routing headers, and every error is in the caller's format.
enum ResponseFactory {
    /// Adds `request-id`, `x-router-target` and `x-router-attempts`.
    static func stamp(_ headers: inout HTTPFields, requestID: String, target: String?, attempts: [AttemptRecord]) {
        headers[.requestID] = requestID
        headers[.xRouterTarget] = target ?? "-"
        headers[.xRouterAttempts] = AttemptRecord.header(attempts)
    }

    static func error(
        _ error: RouterError, format: WireProtocol, requestID: String, target: String? = nil, attempts: [AttemptRecord] = []
    ) -> Response {
        let descriptor = error.descriptor
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        stamp(&headers, requestID: requestID, target: target, attempts: attempts)
        if let seconds = error.retryAfterSeconds { headers[.retryAfter] = String(max(1, seconds)) }
        let body = ByteBuffer(string: ErrorRendering.body(descriptor, format: format, requestID: requestID))
        return Response(status: .init(code: descriptor.status), headers: headers, body: .init(byteBuffer: body))
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok, requestID: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        stamp(&headers, requestID: requestID, target: nil, attempts: [])
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
