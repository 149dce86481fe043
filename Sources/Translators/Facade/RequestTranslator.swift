import RouteModel

/// The one entry point the request path needs: picks the translation for a client protocol and
/// an upstream protocol.
///
/// | client → upstream | translation |
/// |---|---|
/// | anthropic → openai | ``AnthropicToOpenAIRequest`` |
/// | openai → anthropic | ``OpenAIToAnthropicRequest`` |
/// | anthropic → anthropic | ``AnthropicRequestAdapter`` (model, max_tokens clamp, billing header, system-role and tool_choice quirks) |
/// | openai → openai | ``ModelRewriter`` (only `model` changes; every other byte is kept) |
public enum RequestTranslator {
    public static func translate(
        _ body: [UInt8], from client: WireProtocol, to upstream: WireProtocol, context: UpstreamContext
    ) throws(TranslationError) -> TranslatedRequest {
        try translate(document: JSONDocument(body), from: client, to: upstream, context: context)
    }

    /// The same for a body ``RequestPeek`` has parsed already: the request path parses each
    /// body once, however many attempts it makes.
    public static func translate(
        _ peek: RequestPeek, body: [UInt8], from client: WireProtocol, to upstream: WireProtocol, context: UpstreamContext
    ) throws(TranslationError) -> TranslatedRequest {
        let document: JSONDocument
        if let parsed = peek.document { document = parsed } else { document = try JSONDocument(body) }
        return try translate(document: document, from: client, to: upstream, context: context)
    }

    static func translate(
        document: JSONDocument, from client: WireProtocol, to upstream: WireProtocol, context: UpstreamContext
    ) throws(TranslationError) -> TranslatedRequest {
        switch (client, upstream) {
        case (.anthropic, .openai):
            return try AnthropicToOpenAIRequest.translate(document: document, context: context)
        case (.openai, .anthropic):
            return try OpenAIToAnthropicRequest.translate(document: document, context: context)
        case (.anthropic, .anthropic):
            return try AnthropicRequestAdapter.adaptRequest(document: document, context: context)
        case (.openai, .openai):
            let stream = try AnthropicToOpenAIRequest.optionalBool(document.root, "stream") ?? false
            let includeUsage = document.root["stream_options"]?["include_usage"]?.bool ?? false
            var body = try ModelRewriter.rewrite(document: document, model: context.upstreamModel)
            // Without usage the usage log would have no counts for this stream: ask for it, and
            // leave the usage-only chunk out of what the client gets.
            guard stream, !includeUsage, !context.quirks.noStreamOptions, document.root["stream_options"] == nil,
                  let open = body.firstIndex(of: UInt8(ascii: "{"))
            else {
                return TranslatedRequest(body: body, stream: stream, includeUsage: includeUsage)
            }
            body.insert(contentsOf: #""stream_options":{"include_usage":true},"#.utf8, at: open + 1)
            return TranslatedRequest(body: body, stream: stream, includeUsage: false, dropsUsageChunks: true)
        }
    }
}
