/// What one token of each kind costs, in picodollars per token — the same number as micro-USD
/// per million tokens, so `routes.yaml`'s `input: 0.6` (USD per million) is `600_000` here.
public struct PriceRates: Sendable, Equatable {
    /// Uncached input tokens.
    public let input: Int64
    /// Output tokens (reasoning included unless ``reasoning`` is set).
    public let output: Int64
    /// Input tokens read from the provider's prompt cache.
    public let cacheRead: Int64
    /// Input tokens written to the prompt cache (Anthropic `cache_creation_input_tokens`).
    public let cacheWrite: Int64
    /// Reasoning tokens, when the provider bills them apart from other output; nil: they are
    /// output tokens like any other.
    public let reasoning: Int64?

    public init(input: Int64, output: Int64, cacheRead: Int64, cacheWrite: Int64, reasoning: Int64? = nil) {
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheWrite = cacheWrite
        self.reasoning = reasoning
    }

    /// The exact cost of `tokens` at these rates.
    public func cost(of tokens: BilledTokens) -> USDAmount {
        var total = USDAmount.times(tokens.input, input)
        total += USDAmount.times(tokens.cacheRead, cacheRead)
        total += USDAmount.times(tokens.cacheWrite, cacheWrite)
        if let reasoning {
            // Upstreams count reasoning inside output (`completion_tokens`); bill it apart once.
            let reasoningTokens = min(max(0, tokens.reasoning), tokens.output)
            total += USDAmount.times(tokens.output - reasoningTokens, output)
            total += USDAmount.times(reasoningTokens, reasoning)
        } else {
            total += USDAmount.times(tokens.output, output)
        }
        return total
    }
}

/// The token counts a request is billed for, as the upstream reported them.
public struct BilledTokens: Sendable, Equatable {
    /// Uncached input tokens (cache reads excluded).
    public var input: Int
    /// Output tokens, reasoning included.
    public var output: Int
    public var cacheRead: Int
    public var cacheWrite: Int
    /// The part of `output` that was reasoning.
    public var reasoning: Int

    public init(input: Int = 0, output: Int = 0, cacheRead: Int = 0, cacheWrite: Int = 0, reasoning: Int = 0) {
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheWrite = cacheWrite
        self.reasoning = reasoning
    }

    /// The size of the prompt, which input-length tiers look at: every input token, cached or not.
    public var promptTokens: Int { input + cacheRead + cacheWrite }
}
