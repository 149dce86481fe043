import RouteModel

/// Translates a non-streaming OpenAI Chat Completions response into an Anthropic Messages
/// response.
///
/// | OpenAI | Anthropic |
/// |---|---|
/// | `reasoning_content` / `reasoning` / leading `<think>…</think>` | `thinking` block, first |
/// | `content` | `text` block |
/// | `tool_calls` | `tool_use` blocks, input parsed from `arguments` (see ``ToolArguments``), ids normalised (see ``ToolCallID``) |
/// | `finish_reason` | `stop_reason` (stop→end_turn, length→max_tokens, content_filter→refusal, vLLM/SGLang matched stop string→stop_sequence; tool_use exactly when there are tool calls) |
/// | blank `content` | no text block (Anthropic rejects whitespace-only text on replay) |
/// | `search_info.search_results` (DashScope search) | `server_tool_use` + `web_search_tool_result`, first |
/// | `usage` incl. cached tokens | `input_tokens`, `output_tokens`, `cache_read_input_tokens` |
/// | `{"error": …}` | Anthropic `{"type":"error","error":…}` |
public enum OpenAIToAnthropicResponse {
    public static func translate(
        _ body: [UInt8], context: UpstreamContext, messageID: String = "msg_router"
    ) throws(TranslationError) -> [UInt8] {
        try translate(document: JSONDocument(body), context: context, messageID: messageID)
    }

    static func translate(
        document: JSONDocument, context: UpstreamContext, messageID: String = "msg_router"
    ) throws(TranslationError) -> [UInt8] {
        let body = document.bytes
        let root = document.root
        guard root.isObject else { throw .invalidField(path: "response body", problem: "must be a JSON object") }
        if let error = root["error"], !error.isNull {
            return ErrorBodyTranslator.anthropicError(fromOpenAI: error)
        }
        guard let choices = root["choices"], choices.isArray, let choice = choices.elements.first else {
            throw .invalidField(path: "choices", problem: "must be a non-empty array")
        }
        guard let message = choice["message"], message.isObject else {
            throw .invalidField(path: "choices[0].message", problem: "must be an object")
        }
        let upstreamID = root.string("id").flatMap { $0.isEmpty ? nil : $0 } ?? messageID
        let id = ToolCallID.normalized(upstreamID, messageID: "", ordinal: 0)

        var w = JSONWriter(capacity: body.count + 256)
        w.beginObject()
        w.member("id", id.hasPrefix("msg_") ? id : "msg_\(id)")
        w.member("type", "message")
        w.member("role", "assistant")
        w.member("model", context.inboundModel)
        w.key("content")
        w.beginArray()
        if let results = WebSearchResults.results(in: root) {
            let searchID = WebSearchResults.toolUseID(messageID: upstreamID)
            WebSearchResults.writeToolUse(id: searchID, into: &w)
            WebSearchResults.writeResult(results, toolUseID: searchID, into: &w)
        }
        let toolCount = writeContent(message, messageID: upstreamID, into: &w)
        w.endArray()
        let stop = StopReasonMapping.anthropic(
            finishReason: choice.string("finish_reason"), hasToolCalls: toolCount > 0, matchedStop: StopReasonMapping.matchedStop(choice)
        )
        w.member("stop_reason", stop.reason)
        w.key("stop_sequence")
        if let sequence = stop.sequence { w.string(sequence) } else { w.null() }
        w.key("usage")
        (OpenAIUsage(root["usage"]) ?? OpenAIUsage(choice["usage"]) ?? OpenAIUsage()).writeAnthropic(into: &w)
        w.endObject()
        return w.bytes
    }

    /// Writes the content blocks; returns how many tool calls there were.
    private static func writeContent(_ message: JSONNode, messageID: String, into w: inout JSONWriter) -> Int {
        var thinking: [String] = []
        var text: [String] = []
        for field in ["reasoning_content", "reasoning"] {
            if let reasoning = message.string(field), !reasoning.isEmpty {
                thinking.append(reasoning)
                break
            }
        }
        if let content = message.string("content") {
            var splitter = ThinkTagSplitter()
            for segment in splitter.feed(content) + splitter.flush() {
                switch segment {
                case .thinking(let t): thinking.append(t)
                case .text(let t): text.append(t)
                }
            }
        } else if let parts = message["content"], parts.isArray {
            for part in parts.elements where part.string("type") == "text" {
                if let t = part.string("text") { text.append(t) }
            }
        }
        if !thinking.isEmpty {
            w.beginObject()
            w.member("type", "thinking")
            w.member("thinking", thinking.joined())
            w.member("signature", "")
            w.endObject()
        }
        let joinedText = text.joined()
        if !BlankText.isBlank(joinedText) {
            w.beginObject()
            w.member("type", "text")
            w.member("text", joinedText)
            w.endObject()
        }
        var count = 0
        for call in message["tool_calls"]?.elements ?? [] where call.isObject {
            let function = call["function"]
            var arguments: [UInt8] = []
            if let text = function?["arguments"]?.stringBytes {
                arguments = text
            } else if let object = function?["arguments"], object.isObject {
                arguments = Array(object.raw)
            }
            w.beginObject()
            w.member("type", "tool_use")
            w.member("id", ToolCallID.normalized(call.string("id"), messageID: messageID, ordinal: count))
            w.member("name", function?.string("name").flatMap { $0.isEmpty ? nil : $0 } ?? "unknown_tool")
            w.key("input")
            w.rawValue(ToolArguments.inputObject(arguments))
            w.endObject()
            count += 1
        }
        return count
    }
}
