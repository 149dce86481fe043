/// The API dialect of a request, chosen by the endpoint it was sent to.
enum WireProtocol: String, Sendable, Decodable {
    /// Anthropic Messages (`/v1/messages`).
    case anthropic
    /// OpenAI Chat Completions (`/v1/chat/completions`, `/chat/completions`).
    case openai
}
