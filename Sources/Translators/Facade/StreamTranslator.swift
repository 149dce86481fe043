import RouteModel

/// A response stream in the client's format, whatever the upstream speaks: the runtime feeds
/// upstream bytes and forwards what comes out.
///
/// Cross-format streams go through ``OpenAIToAnthropicStream`` or ``AnthropicToOpenAIStream``.
/// Same-format streams pass through byte for byte, watched by ``PassthroughStreamWatcher`` so
/// that an upstream error frame is reported (``upstreamError``) and a cut stream still ends
/// with an error event in the client's format.
public struct StreamTranslator: Sendable {
    // Exactly one is set. Optionals rather than an enum with payloads, so that feeding mutates
    // the translator in place instead of copying its buffers out and back.
    private var toAnthropic: OpenAIToAnthropicStream?
    private var toOpenAI: AnthropicToOpenAIStream?
    private var passthrough: PassthroughStreamWatcher?

    /// - Parameters:
    ///   - includeUsage: the OpenAI client asked for `stream_options.include_usage`
    ///     (``TranslatedRequest/includeUsage``).
    ///   - estimatedInputTokens: shown in Anthropic's `message_start` until usage arrives.
    ///   - messageID: used when an OpenAI upstream sends no chunk id.
    ///   - dropsUsageChunks: ``TranslatedRequest/dropsUsageChunks``.
    public init(
        from upstream: WireProtocol, to client: WireProtocol, context: UpstreamContext, includeUsage: Bool = false,
        estimatedInputTokens: Int = 0, messageID: String = "msg_router", dropsUsageChunks: Bool = false
    ) {
        switch (upstream, client) {
        case (.openai, .anthropic):
            toAnthropic = OpenAIToAnthropicStream(context: context, messageID: messageID, estimatedInputTokens: estimatedInputTokens)
        case (.anthropic, .openai):
            toOpenAI = AnthropicToOpenAIStream(context: context, includeUsage: includeUsage)
        case (.anthropic, .anthropic), (.openai, .openai):
            passthrough = PassthroughStreamWatcher(wireProtocol: client, dropsUsageChunks: dropsUsageChunks)
        }
    }

    public mutating func feed(_ bytes: some Collection<UInt8>) -> [UInt8] {
        toAnthropic?.feed(bytes) ?? toOpenAI?.feed(bytes) ?? passthrough?.feed(bytes) ?? []
    }

    /// The upstream ended; see the underlying translator.
    public mutating func finish() -> [UInt8] {
        toAnthropic?.finish() ?? toOpenAI?.finish() ?? passthrough?.finish() ?? []
    }

    /// The runtime saw the upstream fail: an error event in the client's format, whose error
    /// `type` is in the client's vocabulary (`timeout_error`, `server_error`, ...).
    public mutating func fail(_ message: String, type: String = "api_error") -> [UInt8] {
        toAnthropic?.fail(message, type: type) ?? toOpenAI?.fail(message, type: type) ?? passthrough?.fail(message, type: type) ?? []
    }

    /// Set when the upstream sent an error frame or was cut, or the runtime failed the stream.
    public var failure: StreamFailure? {
        toAnthropic?.failure ?? toOpenAI?.failure ?? passthrough?.failure
    }

    /// ``failure``'s message.
    public var upstreamError: String? { failure?.message }

    /// Whether the client has been sent content (after that, no fallback is possible).
    public var emittedContent: Bool {
        toAnthropic?.emittedContent ?? toOpenAI?.emittedContent ?? passthrough?.emittedContent ?? false
    }

    /// The token usage the upstream reported so far (nil when it sent none).
    public var tokenUsage: TokenUsage? {
        toAnthropic?.tokenUsage ?? toOpenAI?.tokenUsage ?? passthrough?.tokenUsage
    }

    public var isFinished: Bool {
        toAnthropic?.isFinished ?? toOpenAI?.isFinished ?? passthrough?.isFinished ?? true
    }
}
