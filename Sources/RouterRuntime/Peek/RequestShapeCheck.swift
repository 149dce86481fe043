import Translators

/// Checks the top-level fields the router itself relies on before a body goes upstream:
/// `messages` present, `max_tokens` a positive integer (and present for Anthropic Messages).
///
/// `RequestPeek` already rejected non-JSON bodies and a non-array `messages`, and noted these
/// members while it parsed, so the check reads no bytes of its own.
enum RequestShapeCheck {
    /// A message naming the first problem, or nil when the shape is fine.
    static func problem(in peek: RequestPeek, endpoint: InboundEndpoint) -> String? {
        if !peek.hasMessages { return "messages: required, an array of messages" }
        if let text = peek.maxTokensText {
            guard let value = Int(text), value > 0 else {
                return "max_tokens: must be a positive integer, got \(text)"
            }
        } else if endpoint == .messages {
            return "max_tokens: required, a positive integer"
        }
        return nil
    }
}
