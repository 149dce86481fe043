import RouteModel

/// Translates an OpenAI Chat Completions request into an Anthropic Messages request (OpenAI
/// clients on Claude or an Anthropic-protocol provider).
///
/// | OpenAI | Anthropic |
/// |---|---|
/// | leading `system` / `developer` messages | `system` (later ones too with `system_role_rejected`, else kept in place) |
/// | `user` content string / `text` parts | `text` blocks (empty text dropped: Anthropic rejects it) |
/// | `image_url` parts (`data:` or http URL) | `image` blocks (base64 / url source) |
/// | assistant `content`, `tool_calls` | `text`, `tool_use` blocks (input parsed from `arguments`) |
/// | assistant `reasoning_content` | `thinking` block, with `reasoning_roundtrip` only (it has no signature) |
/// | `tool` messages | `tool_result` blocks, merged with neighbours into one `user` turn, first in it |
/// | consecutive same-role messages | merged into one turn |
/// | `tools[].function.parameters` | `tools[].input_schema` (copied byte for byte) |
/// | `tool_choice` auto/required/none/{function} | auto/any/none/tool (`tool_choice_auto_none_only` keeps auto/none) |
/// | `parallel_tool_calls: false` | `disable_parallel_tool_use: true` |
/// | `max_completion_tokens` / `max_tokens` | `max_tokens` (required: defaults to the catalog cap), clamped |
/// | `temperature` (0–2), `top_p`, `stop` | `temperature` clamped to 0–1, `top_p`, `stop_sequences` |
/// | `reasoning_effort` | `thinking: {type: enabled, budget_tokens}` (sampling then left default) |
/// | `user` | `metadata.user_id` |
/// | `stream`, `stream_options.include_usage` | `stream`; include_usage is reported in ``TranslatedRequest/includeUsage`` |
/// | `response_format` json_object / json_schema | one forced tool (``ResponseFormatConverter``), its input returned as content |
/// | `n` > 1 | refused (one choice only) |
public enum OpenAIToAnthropicRequest {
    public static func translate(_ body: [UInt8], context: UpstreamContext) throws(TranslationError) -> TranslatedRequest {
        try translate(document: JSONDocument(body), context: context)
    }

    /// The same, for a body already parsed (by ``RequestPeek``).
    static func translate(document: JSONDocument, context: UpstreamContext) throws(TranslationError) -> TranslatedRequest {
        let body = document.bytes
        let root = document.root
        guard root.isObject else { throw .invalidField(path: "request body", problem: "must be a JSON object") }
        guard let messages = root["messages"] else { throw .invalidField(path: "messages", problem: "is required") }
        guard messages.isArray else { throw .invalidField(path: "messages", problem: "must be an array") }
        let stream = try AnthropicToOpenAIRequest.optionalBool(root, "stream") ?? false

        let conversation = try OpenAIConversation(messages, context: context)
        let maxTokens = try maxTokens(root, context: context)
        let thinkingBudget = try thinkingBudget(root, maxTokens: maxTokens)
        try refuseSeveralChoices(root)
        let structured = try ResponseFormatConverter.tool(root, thinking: thinkingBudget != nil, quirks: context.quirks)

        var w = JSONWriter(capacity: body.count + body.count / 8)
        w.beginObject()
        w.member("model", context.upstreamModel)
        w.member("max_tokens", maxTokens)
        conversation.writeSystem(into: &w)
        w.key("messages")
        conversation.writeTurns(into: &w)
        if let structured { structured.write(into: &w) } else { try OpenAIToolConverter.write(root, quirks: context.quirks, into: &w) }
        if let budget = thinkingBudget {
            w.key("thinking")
            w.beginObject()
            w.member("type", "enabled")
            w.member("budget_tokens", budget)
            w.endObject()
        } else {
            try writeSampling(root, into: &w)
        }
        try writeStop(root, into: &w)
        if let user = root.string("user"), !user.isEmpty {
            w.key("metadata")
            w.beginObject()
            w.member("user_id", user)
            w.endObject()
        }
        if stream { w.member("stream", true) }
        w.endObject()
        let includeUsage = root["stream_options"]?["include_usage"]?.bool ?? false
        return TranslatedRequest(body: w.bytes, stream: stream, includeUsage: includeUsage, structuredOutputTool: structured?.name)
    }

    /// Anthropic answers one choice; answering one to a request for several would be silent
    /// data loss, so `n` > 1 is refused (an OpenAI-protocol model returns them all).
    private static func refuseSeveralChoices(_ root: JSONNode) throws(TranslationError) {
        guard let node = root["n"], !node.isNull else { return }
        guard let n = node.int, n >= 1 else { throw .invalidField(path: "n", problem: "must be a positive integer") }
        guard n == 1 else {
            throw .invalidField(
                path: "n",
                problem: "\(n) choices cannot be served by an Anthropic-protocol model, which answers one; send n: 1 or use an OpenAI-protocol model"
            )
        }
    }

    private static func maxTokens(_ root: JSONNode, context: UpstreamContext) throws(TranslationError) -> Int {
        for key in ["max_completion_tokens", "max_tokens"] {
            guard let node = root[key], !node.isNull else { continue }
            guard let value = node.int, value > 0 else { throw .invalidField(path: key, problem: "must be a positive integer") }
            return context.clampedMaxTokens(value) ?? value
        }
        return context.maxOutputTokens ?? context.defaultMaxTokens
    }

    /// Anthropic wants `1024 <= budget_tokens < max_tokens`; an effort that cannot fit is dropped.
    private static func thinkingBudget(_ root: JSONNode, maxTokens: Int) throws(TranslationError) -> Int? {
        guard let effort = root["reasoning_effort"], !effort.isNull else { return nil }
        guard let level = effort.string else { throw .invalidField(path: "reasoning_effort", problem: "must be a string") }
        let wanted: Int
        switch level {
        case "none", "minimal": return nil
        case "low": wanted = 2_048
        case "medium": wanted = 8_192
        case "high", "xhigh": wanted = 24_576
        default: throw .invalidField(path: "reasoning_effort", problem: "'\(level)' must be minimal, low, medium or high")
        }
        let budget = min(wanted, maxTokens - 1)
        return budget >= 1_024 ? budget : nil
    }

    private static func writeSampling(_ root: JSONNode, into w: inout JSONWriter) throws(TranslationError) {
        if let node = root["temperature"], !node.isNull {
            guard let value = node.double else { throw .invalidField(path: "temperature", problem: "must be a number") }
            // OpenAI's range is 0–2, Anthropic's 0–1.
            w.key("temperature")
            if value > 1 || value < 0 { w.number(min(1, max(0, value))) } else { w.raw(node) }
        }
        if let node = root["top_p"], !node.isNull {
            guard node.double != nil else { throw .invalidField(path: "top_p", problem: "must be a number") }
            w.member("top_p", raw: node)
        }
    }

    private static func writeStop(_ root: JSONNode, into w: inout JSONWriter) throws(TranslationError) {
        guard let stop = root["stop"], !stop.isNull else { return }
        if stop.isString {
            w.key("stop_sequences")
            w.beginArray()
            w.raw(stop)
            w.endArray()
            return
        }
        guard stop.isArray else { throw .invalidField(path: "stop", problem: "must be a string or an array of strings") }
        let elements = stop.elements
        for (n, element) in elements.enumerated() where !element.isString {
            throw .invalidField(path: "stop[\(n)]", problem: "must be a string")
        }
        guard !elements.isEmpty else { return }
        w.key("stop_sequences")
        w.beginArray()
        for element in elements { w.raw(element) }
        w.endArray()
    }
}
