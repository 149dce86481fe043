/// What an OAuth HTTP endpoint answers, independent of the server framework: the router's
/// Hummingbird adapter and the CLI's loopback listener both send it as is.
public struct OAuthEndpointReply: Sendable, Equatable {
    public let status: Int
    public let contentType: String
    public let body: String

    static func json(_ body: String, status: Int = 200) -> OAuthEndpointReply {
        OAuthEndpointReply(status: status, contentType: "application/json", body: body)
    }

    static func error(_ code: String, _ message: String, status: Int) -> OAuthEndpointReply {
        json("{\"error\":{\"type\":\(JSONString.quote(code)),\"message\":\(JSONString.quote(message))}}", status: status)
    }

    /// The page a browser shows after the redirect.
    static func page(_ text: String, status: Int) -> OAuthEndpointReply {
        OAuthEndpointReply(status: status, contentType: "text/plain; charset=utf-8", body: text + "\n")
    }
}
