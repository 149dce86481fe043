import RouteModel

/// Non-streaming responses (success or error bodies) in the client's format; same-format
/// responses get the client's model name back in `model` and are otherwise untouched.
public enum ResponseTranslator {
    public static func translate(
        _ body: [UInt8], from upstream: WireProtocol, to client: WireProtocol, context: UpstreamContext
    ) throws(TranslationError) -> [UInt8] {
        switch (upstream, client) {
        case (.openai, .anthropic):
            return try OpenAIToAnthropicResponse.translate(body, context: context)
        case (.anthropic, .openai):
            return try AnthropicToOpenAIResponse.translate(body, context: context)
        case (.anthropic, .anthropic), (.openai, .openai):
            let document = try JSONDocument(body)
            guard document.root.isObject, document.root["model"] != nil else { return body }
            return try ModelRewriter.rewrite(body, model: context.inboundModel)
        }
    }
}
