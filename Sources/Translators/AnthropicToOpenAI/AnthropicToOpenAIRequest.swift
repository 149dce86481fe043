import RouteModel

/// Translates an Anthropic Messages request into an OpenAI Chat Completions request.
///
/// | Anthropic | OpenAI |
/// |---|---|
/// | `system` (string or text blocks), `system`-role messages | `system` messages (billing-header block dropped unless the upstream is Anthropic's API; with `system_role_rejected` all go into the leading one) |
/// | `text` blocks | `content` string (blocks joined by a newline) |
/// | `image` (base64 / url) | `image_url` parts (`data:` URL for base64) |
/// | `tool_use` | assistant `tool_calls`, same ids, `arguments` = the input's JSON text |
/// | `tool_result` | `tool` messages right after the assistant turn; `is_error` prefixes `Error: `; images move to a following `user` message |
/// | `thinking` | `reasoning_content` on tool-call turns with `reasoning_roundtrip`, dropped otherwise |
/// | `tools[].input_schema` | `tools[].function.parameters` (copied byte for byte); server tools dropped |
/// | `web_search_…` server tool | `enable_search` (DashScope), else refused when it is the only tool (``WebSearchRequest``) |
/// | `tool_choice` auto/any/tool/none | auto/required/{function}/none; `disable_parallel_tool_use` → `parallel_tool_calls: false` |
/// | `max_tokens` | `max_tokens` (or `max_completion_tokens`), clamped to the catalog cap |
/// | `temperature`, `top_p`, `stop_sequences` | same, `stop`; adjusted by quirks |
/// | `metadata.user_id`, session id | `user` (`accepts_user`), `prompt_cache_key` (`prompt_cache_key`) |
/// | `thinking` | the preset's switch: `thinking: {type}`, `enable_thinking`, `reasoning_effort` |
/// | `stream` | `stream` plus `stream_options.include_usage` (unless `no_stream_options`) |
/// | `cache_control`, `metadata`, `context_management`, `top_k`, anything else | dropped |
public enum AnthropicToOpenAIRequest {
    public static func translate(_ body: [UInt8], context: UpstreamContext) throws(TranslationError) -> TranslatedRequest {
        try translate(document: JSONDocument(body), context: context)
    }

    /// The same, for a body already parsed (by ``RequestPeek``).
    static func translate(document: JSONDocument, context: UpstreamContext) throws(TranslationError) -> TranslatedRequest {
        let body = document.bytes
        let root = document.root
        guard root.isObject else { throw .invalidField(path: "request body", problem: "must be a JSON object") }
        let quirks = context.quirks
        let stream = try optionalBool(root, "stream") ?? false
        let thinking = try ThinkingRequest(root)

        var w = JSONWriter(capacity: body.count + body.count / 8)
        w.beginObject()
        w.member("model", context.upstreamModel)

        guard let messages = root["messages"] else { throw .invalidField(path: "messages", problem: "is required") }
        guard messages.isArray else { throw .invalidField(path: "messages", problem: "must be an array") }
        w.key("messages")
        w.beginArray()
        let converter = AnthropicMessageConverter(context: context)
        try converter.writeSystem(root["system"], messages: messages, into: &w)
        try converter.writeMessages(messages, into: &w)
        w.endArray()

        let effectiveThinking = thinking.effective(stream: stream, quirks: quirks)
        try AnthropicToolConverter.write(root, thinkingOn: effectiveThinking == true, quirks: quirks, into: &w)
        try WebSearchRequest.write(root, context: context, into: &w)

        if let maxTokens = root["max_tokens"] {
            guard let requested = maxTokens.int, requested > 0 else {
                throw .invalidField(path: "max_tokens", problem: "must be a positive integer")
            }
            w.member(quirks.maxCompletionTokens ? "max_completion_tokens" : "max_tokens", context.clampedMaxTokens(requested) ?? requested)
        }
        try SamplingParameters.write(root, quirks: quirks, into: &w)

        if stream {
            w.member("stream", true)
            if !quirks.noStreamOptions {
                w.key("stream_options")
                w.beginObject()
                w.member("include_usage", true)
                w.endObject()
            }
        }
        writeIdentity(root, context: context, into: &w)
        thinking.write(effective: effectiveThinking, quirks: quirks, into: &w)
        if quirks.reasoningSplit { w.member("reasoning_split", true) }
        if quirks.toolStream, stream, root["tools"]?.count ?? 0 > 0 { w.member("tool_stream", true) }
        w.endObject()
        return TranslatedRequest(body: w.bytes, stream: stream)
    }

    /// `user` and `prompt_cache_key`, where the quirks say the provider uses them.
    private static func writeIdentity(_ root: JSONNode, context: UpstreamContext, into w: inout JSONWriter) {
        let userID = root["metadata"]?.string("user_id")
        let session = context.sessionID ?? userID.flatMap(SessionIdentifier.fromUserID)
        if context.quirks.acceptsUser, let user = session ?? userID { w.member("user", user) }
        if context.quirks.promptCacheKey, let session { w.member("prompt_cache_key", session) }
    }

    static func optionalBool(_ node: JSONNode, _ key: String) throws(TranslationError) -> Bool? {
        guard let value = node[key], !value.isNull else { return nil }
        guard let bool = value.bool else { throw .invalidField(path: key, problem: "must be a boolean") }
        return bool
    }
}
