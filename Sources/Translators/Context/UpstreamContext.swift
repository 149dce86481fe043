import RouteModel

/// Everything a translator needs to know about the attempt it translates for; the runtime fills
/// one per attempt from the decision's ``TargetSpec`` and ``ProviderSpec``.
///
/// Provider differences reach the translators only through ``quirks``: no translator looks at a
/// provider's name.
public struct UpstreamContext: Sendable {
    /// The model id sent upstream (`TargetSpec.model`).
    public var upstreamModel: String
    /// The model's output cap from the catalog; `max_tokens` is clamped to it.
    public var maxOutputTokens: Int?
    public var quirks: ProviderQuirks
    /// The upstream is the real Anthropic API: only then does Claude Code's
    /// `x-anthropic-billing-header` system block go through.
    public var upstreamIsAnthropicAPI: Bool
    /// The client session (`X-Claude-Code-Session-Id` or the `metadata.user_id` session), used as
    /// `prompt_cache_key` / `user` where the quirks say the provider keys its cache on them.
    public var sessionID: String?
    /// The model name the client asked for; responses echo it back.
    public var inboundModel: String
    /// Unix seconds for OpenAI's `created` field (the translators read no clock).
    public var created: Int
    /// `max_tokens` sent to an Anthropic upstream when an OpenAI client gave none and the
    /// catalog knows no cap (Anthropic requires the field).
    public var defaultMaxTokens: Int
    /// The forced tool that carries an OpenAI client's `response_format` answer on an
    /// Anthropic-protocol upstream (``TranslatedRequest/structuredOutputTool``): its input is
    /// returned as the message content, not as a tool call.
    public var structuredOutputTool: String?

    public init(
        upstreamModel: String, maxOutputTokens: Int? = nil, quirks: ProviderQuirks = ProviderQuirks(),
        upstreamIsAnthropicAPI: Bool? = nil, sessionID: String? = nil, inboundModel: String,
        created: Int = 0, defaultMaxTokens: Int = 8_192
    ) {
        self.upstreamModel = upstreamModel
        self.maxOutputTokens = maxOutputTokens
        self.quirks = quirks
        self.upstreamIsAnthropicAPI = upstreamIsAnthropicAPI ?? quirks.keepBillingHeader
        self.sessionID = sessionID
        self.inboundModel = inboundModel
        self.created = created
        self.defaultMaxTokens = defaultMaxTokens
    }

    /// The context for one routing attempt.
    public init(
        target: TargetSpec, provider: ProviderSpec, inboundModel: String, sessionID: String? = nil, created: Int = 0
    ) {
        self.init(
            upstreamModel: target.model, maxOutputTokens: target.maxOutputTokens ?? provider.maxOutputTokens(of: target.model),
            quirks: provider.quirks, upstreamIsAnthropicAPI: provider.quirks.keepBillingHeader, sessionID: sessionID,
            inboundModel: inboundModel, created: created
        )
    }

    /// Thinking blocks without a signature (made by another provider's model, relayed by the
    /// router) would be refused by this upstream.
    var verifiesThinkingSignatures: Bool { upstreamIsAnthropicAPI || quirks.verifiesThinkingSignatures }

    /// `requested` clamped to the model's cap.
    func clampedMaxTokens(_ requested: Int?) -> Int? {
        guard let requested else { return maxOutputTokens }
        guard let cap = maxOutputTokens else { return requested }
        return min(requested, cap)
    }
}

/// A translated request body and what the response side must know about it.
public struct TranslatedRequest: Sendable {
    public var body: [UInt8]
    /// The upstream request asks for a stream.
    public var stream: Bool
    /// An OpenAI client asked for `stream_options.include_usage`: the stream translator must
    /// emit the usage chunk.
    public var includeUsage: Bool
    /// The router asked an OpenAI upstream for usage the OpenAI client did not ask for: the
    /// usage-only chunk must be read and left out (``PassthroughStreamWatcher``).
    public var dropsUsageChunks: Bool
    /// The request's `response_format` became this forced tool; the response side must read
    /// it back as content (``UpstreamContext/structuredOutputTool``).
    public var structuredOutputTool: String?

    public init(
        body: [UInt8], stream: Bool, includeUsage: Bool = false, dropsUsageChunks: Bool = false, structuredOutputTool: String? = nil
    ) {
        self.body = body
        self.stream = stream
        self.includeUsage = includeUsage
        self.dropsUsageChunks = dropsUsageChunks
        self.structuredOutputTool = structuredOutputTool
    }
}
