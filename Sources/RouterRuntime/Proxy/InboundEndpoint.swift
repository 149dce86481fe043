import RouteModel

/// The relayed endpoints, each spoken in one wire format.
enum InboundEndpoint: String, Sendable {
    case messages = "messages"
    case countTokens = "count_tokens"
    case chatCompletions = "chat_completions"

    /// The caller's format, which errors and SSE error events use.
    var format: WireProtocol {
        switch self {
        case .messages, .countTokens: .anthropic
        case .chatCompletions: .openai
        }
    }

    /// Where the request goes on an upstream speaking `upstream`, after the base URL.
    /// (`count_tokens` is only ever sent to Anthropic-protocol upstreams.)
    func upstreamPath(for upstream: WireProtocol) -> String {
        switch (self, upstream) {
        case (.countTokens, _): "/v1/messages/count_tokens"
        case (_, .anthropic): "/v1/messages"
        case (_, .openai): "/chat/completions"
        }
    }
}
