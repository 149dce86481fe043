import RouteModel

/// Token counts of one response in the usage log's terms, whatever the upstream spoke:
/// `inputTokens` are the uncached input tokens (Anthropic's `input_tokens`; OpenAI's
/// `prompt_tokens` minus the cached ones), cache reads and writes apart.
public struct TokenUsage: Sendable, Equatable {
    public var inputTokens: Int
    public var outputTokens: Int
    public var cacheReadTokens: Int
    public var cacheWriteTokens: Int
    /// Only OpenAI-protocol upstreams report it (`completion_tokens_details.reasoning_tokens`).
    public var reasoningTokens: Int?

    public init(inputTokens: Int = 0, outputTokens: Int = 0, cacheReadTokens: Int = 0, cacheWriteTokens: Int = 0, reasoningTokens: Int? = nil) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheReadTokens = cacheReadTokens
        self.cacheWriteTokens = cacheWriteTokens
        self.reasoningTokens = reasoningTokens
    }

    /// All tokens the request cost, for tokens-per-minute limits.
    public var total: Int { inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens }

    /// The usage of a whole (non-streaming) response body in the upstream's protocol; nil when
    /// the body carries none.
    public static func read(response body: some Collection<UInt8>, protocol wire: WireProtocol) -> TokenUsage? {
        guard let document = try? JSONDocument(body) else { return nil }
        return read(document: document, protocol: wire)
    }

    static func read(document: JSONDocument, protocol wire: WireProtocol) -> TokenUsage? {
        switch wire {
        case .anthropic:
            return AnthropicUsage.reading(document.root["usage"])?.tokenUsage
        case .openai:
            let root = document.root
            return (OpenAIUsage(root["usage"]) ?? OpenAIUsage(root["choices"]?.elements.first?["usage"]))?.tokenUsage
        }
    }
}

extension AnthropicUsage {
    /// nil when `usage` is not an object.
    static func reading(_ usage: JSONNode?) -> AnthropicUsage? {
        guard let usage, usage.isObject else { return nil }
        var counts = AnthropicUsage()
        counts.update(usage)
        return counts
    }

    var tokenUsage: TokenUsage {
        TokenUsage(
            inputTokens: max(0, inputTokens), outputTokens: max(0, outputTokens),
            cacheReadTokens: max(0, cacheReadTokens), cacheWriteTokens: max(0, cacheCreationTokens)
        )
    }
}

extension OpenAIUsage {
    var tokenUsage: TokenUsage {
        TokenUsage(
            inputTokens: inputTokens, outputTokens: max(0, completionTokens), cacheReadTokens: max(0, cachedTokens),
            cacheWriteTokens: max(0, cacheWriteTokens), reasoningTokens: reasoningTokens
        )
    }
}
