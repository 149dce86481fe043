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
        switch (client, upstream) {
        case (.anthropic, .openai):
            return try AnthropicToOpenAIRequest.translate(body, context: context)
        case (.openai, .anthropic):
            return try OpenAIToAnthropicRequest.translate(body, context: context)
        case (.anthropic, .anthropic):
            return try AnthropicRequestAdapter.adaptRequest(body, context: context)
        case (.openai, .openai):
            let document = try JSONDocument(body)
            let stream = try AnthropicToOpenAIRequest.optionalBool(document.root, "stream") ?? false
            let includeUsage = document.root["stream_options"]?["include_usage"]?.bool ?? false
            return TranslatedRequest(body: try ModelRewriter.rewrite(body, model: context.upstreamModel), stream: stream, includeUsage: includeUsage)
        }
    }
}
