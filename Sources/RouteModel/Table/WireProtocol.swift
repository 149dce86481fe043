/// The API dialect a provider speaks, and that a client speaks to the router.
public enum WireProtocol: String, Sendable, CaseIterable {
    /// Anthropic Messages (`POST {base}/v1/messages`).
    case anthropic
    /// OpenAI Chat Completions (`POST {base}/chat/completions`).
    case openai
}

/// How the router presents credentials to a provider.
public enum AuthStyle: String, Sendable, CaseIterable {
    /// `x-api-key: KEY` (Anthropic-style endpoints).
    case xApiKey = "x-api-key"
    /// `Authorization: Bearer KEY`.
    case bearer
    /// No credentials (a local model).
    case none
    /// `Authorization: Bearer ACCESS_TOKEN` from an OAuth account in the token store.
    case oauth
}
