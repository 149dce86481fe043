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

    /// Where the same request goes on an upstream of the caller's protocol, after the base URL.
    var upstreamPath: String {
        switch self {
        case .messages: "/v1/messages"
        case .countTokens: "/v1/messages/count_tokens"
        case .chatCompletions: "/chat/completions"
        }
    }
}
