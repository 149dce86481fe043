import RouteModel

/// What the runtime needs from a request before it decides anything: the model name, whether
/// the client wants a stream, and the routing features (``RequestFeatures``).
///
/// The body is parsed once into a token tape; only the fields listed here are decoded (the last
/// user message's text, tool names, `metadata.user_id`). Message history, tool schemas and
/// image data are walked past, not decoded.
public struct RequestPeek: Sendable {
    public var model: String?
    public var stream: Bool
    public var features: RequestFeatures
    /// Whether the body has a `messages` member.
    public var hasMessages: Bool
    /// `max_tokens` as sent (its JSON text), nil when absent.
    public var maxTokensText: String?
    /// The parsed body, kept for the translators (nil for a peek made by hand).
    var document: JSONDocument?

    public init(model: String?, stream: Bool, features: RequestFeatures, hasMessages: Bool = true, maxTokensText: String? = nil) {
        self.model = model
        self.stream = stream
        self.features = features
        self.hasMessages = hasMessages
        self.maxTokensText = maxTokensText
    }

    /// Reads an Anthropic Messages or OpenAI Chat Completions request body.
    public static func parse(_ body: some Collection<UInt8>, protocol wire: WireProtocol) throws(TranslationError) -> RequestPeek {
        let document = try JSONDocument(body, uniqueKeysToDepth: .max)
        let root = document.root
        guard root.isObject else { throw .invalidField(path: "request body", problem: "must be a JSON object") }
        if let model = root["model"], !model.isString, !model.isNull {
            throw .invalidField(path: "model", problem: "must be a string")
        }
        if let messages = root["messages"], !messages.isArray {
            throw .invalidField(path: "messages", problem: "must be an array")
        }
        var features = RequestFeatures()
        var images = ImageTally()
        switch wire {
        case .anthropic: AnthropicFeatureReader.read(root, into: &features, images: &images)
        case .openai: OpenAIFeatureReader.read(root, into: &features, images: &images)
        }
        features.hasImage = images.count > 0
        features.estimatedInputTokens = TokenEstimate.estimate(bodyBytes: document.bytes.count, images: images)
        var peek = RequestPeek(
            model: root.string("model"), stream: root["stream"]?.bool ?? false, features: features,
            hasMessages: root["messages"] != nil, maxTokensText: root["max_tokens"].map { String(decoding: $0.raw, as: UTF8.self) }
        )
        peek.document = document
        return peek
    }
}

