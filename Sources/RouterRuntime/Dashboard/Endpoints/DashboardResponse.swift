import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The dashboard's own responses: pages, assets, redirects. Every one forbids framing and
/// caching of private data, and allows scripts and styles from the router itself only.
enum DashboardResponse {
    /// Nothing from another origin, no inline script; inline style attributes only for SVG bars.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"

    static func html(_ body: String, status: HTTPResponse.Status = .ok, extraHeaders: HTTPFields = [:]) -> Response {
        var headers = securityHeaders()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers.append(contentsOf: extraHeaders)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = securityHeaders()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A compiled-in asset; it changes only with the binary, so browsers may keep it an hour.
    static func asset(_ text: String, contentType: String) -> Response {
        var headers = securityHeaders()
        headers[.contentType] = contentType
        headers[.cacheControl] = "max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(to location: String, extraHeaders: HTTPFields = [:]) -> Response {
        var headers = securityHeaders()
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        headers.append(contentsOf: extraHeaders)
        return Response(status: .seeOther, headers: headers)
    }

    static func securityHeaders() -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "same-origin"
        return headers
    }

    /// `app;dur=12.345`: the time the handler took, in milliseconds, for the benchmark and the
    /// browser's network panel.
    static func serverTiming(since started: ContinuousClock.Instant) -> String {
        let (seconds, attoseconds) = (ContinuousClock.now - started).components
        let microseconds = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        return "app;dur=\(microseconds / 1000).\(String(microseconds % 1000 + 1000).dropFirst())"
    }

    static func queryEscape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? ""
    }
}

extension HTTPField.Name {
    static let referrerPolicy = Self("referrer-policy")!
    static let serverTiming = Self("server-timing")!
}
