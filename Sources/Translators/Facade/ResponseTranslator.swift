import RouteModel

/// Non-streaming responses (success or error bodies) in the client's format; same-format
/// responses get the client's model name back in `model` and are otherwise untouched.
public enum ResponseTranslator {
    public static func translate(
        _ body: [UInt8], from upstream: WireProtocol, to client: WireProtocol, context: UpstreamContext
    ) throws(TranslationError) -> [UInt8] {
        try translate(document: JSONDocument(body), from: upstream, to: client, context: context)
    }

    /// The translated body and the usage the upstream reported, from one parse of the body.
    public static func translateReadingUsage(
        _ body: [UInt8], from upstream: WireProtocol, to client: WireProtocol, context: UpstreamContext
    ) throws(TranslationError) -> (body: [UInt8], usage: TokenUsage?) {
        let document = try JSONDocument(body)
        let translated = try translate(document: document, from: upstream, to: client, context: context)
        return (translated, TokenUsage.read(document: document, protocol: upstream))
    }

    static func translate(
        document: JSONDocument, from upstream: WireProtocol, to client: WireProtocol, context: UpstreamContext
    ) throws(TranslationError) -> [UInt8] {
        switch (upstream, client) {
        case (.openai, .anthropic):
            return try OpenAIToAnthropicResponse.translate(document: document, context: context)
        case (.anthropic, .openai):
            return try AnthropicToOpenAIResponse.translate(document: document, context: context)
        case (.anthropic, .anthropic), (.openai, .openai):
            guard document.root.isObject, document.root["model"] != nil else { return document.bytes }
            return try ModelRewriter.rewrite(document: document, model: context.inboundModel)
        }
    }
}
