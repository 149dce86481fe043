import RouteModel

/// Translates a non-streaming Anthropic Messages response into an OpenAI Chat Completions
/// response.
///
/// | Anthropic | OpenAI |
/// |---|---|
/// | `text` blocks | `message.content` (joined) |
/// | `thinking` blocks | `message.reasoning_content` |
/// | `tool_use` blocks | `message.tool_calls`, same ids, `arguments` = the input's JSON text |
/// | the `response_format` tool's `tool_use` | `message.content` = its input's JSON text (``UpstreamContext/structuredOutputTool``) |
/// | `stop_reason` | `finish_reason` (end_turn/stop_sequence→stop, max_tokens→length, refusal→content_filter; tool_calls exactly when there are tool calls) |
/// | `usage` | `prompt_tokens` (input + cache reads + cache writes), `completion_tokens`, `prompt_tokens_details.cached_tokens` |
/// | `{"type":"error",…}` | `{"error":{…}}` |
public enum AnthropicToOpenAIResponse {
    public static func translate(_ body: [UInt8], context: UpstreamContext) throws(TranslationError) -> [UInt8] {
        try translate(document: JSONDocument(body), context: context)
    }

    static func translate(document: JSONDocument, context: UpstreamContext) throws(TranslationError) -> [UInt8] {
        let body = document.bytes
        let root = document.root
        guard root.isObject else { throw .invalidField(path: "response body", problem: "must be a JSON object") }
        if root.string("type") == "error" || root["error"]?.isObject == true {
            return ErrorBodyTranslator.openAIError(fromAnthropicBody: body, fallbackMessage: "upstream error")
        }
        guard let content = root["content"], content.isArray else {
            throw .invalidField(path: "content", problem: "must be an array")
        }
        var texts: [ArraySlice<UInt8>] = []
        var thinking: [ArraySlice<UInt8>] = []
        var tools: [JSONNode] = []
        /// The forced tool's input, when the client asked for `response_format`.
        var structured: JSONNode?
        for block in content.elements where block.isObject {
            switch block.string("type") {
            case "text": if let t = block["text"], t.isString { texts.append(t.rawStringContent) }
            case "thinking": if let t = block["thinking"], t.isString { thinking.append(t.rawStringContent) }
            case "tool_use":
                if structured == nil, let name = context.structuredOutputTool, block.string("name") == name, let input = block["input"] {
                    structured = input
                } else {
                    tools.append(block)
                }
            default: continue
            }
        }
        var usage = AnthropicUsage()
        usage.update(root["usage"])

        var w = JSONWriter(capacity: body.count + 256)
        w.beginObject()
        w.member("id", "chatcmpl-\(root.string("id") ?? "router")")
        w.member("object", "chat.completion")
        w.member("created", context.created)
        w.member("model", context.inboundModel)
        w.key("choices")
        w.beginArray()
        w.beginObject()
        w.member("index", 0)
        w.key("message")
        w.beginObject()
        w.member("role", "assistant")
        w.key("content")
        if let structured { w.string(escaping: structured.raw) } else if texts.isEmpty && !tools.isEmpty { w.null() } else { w.string(joining: texts, separator: "") }
        if !thinking.isEmpty {
            w.key("reasoning_content")
            w.string(joining: thinking, separator: "\n")
        }
        if !tools.isEmpty {
            w.key("tool_calls")
            w.beginArray()
            for (n, tool) in tools.enumerated() {
                w.beginObject()
                w.member("id", tool.string("id") ?? "call_\(n)")
                w.member("type", "function")
                w.key("function")
                w.beginObject()
                w.member("name", tool.string("name") ?? "unknown_tool")
                w.key("arguments")
                if let input = tool["input"], input.isObject { w.string(escaping: input.raw) } else { w.string("{}") }
                w.endObject()
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        w.member("finish_reason", StopReasonMapping.openAI(stopReason: root.string("stop_reason"), hasToolCalls: !tools.isEmpty))
        w.key("logprobs")
        w.null()
        w.endObject()
        w.endArray()
        w.key("usage")
        usage.writeOpenAI(into: &w)
        w.endObject()
        return w.bytes
    }
}
