/// Writes replies the way the Anthropic Messages API does: a Message object, or the SSE event
/// sequence `message_start`, `ping`, per block `content_block_start`/`_delta`/`_stop`,
/// `message_delta`, `message_stop`. JSON is written by hand: this is the benchmark baseline.
enum AnthropicRenderer {
    /// The non-streaming Message object.
    static func message(_ reply: ReplyContent) -> String {
        var out = "{\"id\":\"msg_mock_\(reply.serial)\",\"type\":\"message\",\"role\":\"assistant\",\"model\":"
        JSONText.appendQuoted(reply.model, to: &out)
        out += ",\"content\":["
        var blocks: [String] = []
        if let thinking = reply.thinking {
            blocks.append("{\"type\":\"thinking\",\"thinking\":\(JSONText.quoted(thinking)),\"signature\":\(JSONText.quoted(reply.signature))}")
        }
        if hasTextBlock(reply) {
            blocks.append("{\"type\":\"text\",\"text\":\(JSONText.quoted(reply.text))}")
        }
        for (index, call) in reply.toolCalls.enumerated() {
            blocks.append("{\"type\":\"tool_use\",\"id\":\(JSONText.quoted(reply.anthropicToolID(index))),\"name\":\(JSONText.quoted(call.name)),\"input\":\(call.argumentsJSON)}")
        }
        out += blocks.joined(separator: ",")
        out += "],\"stop_reason\":\"\(reply.stopReason.anthropicName)\",\"stop_sequence\":null,\"usage\":"
        out += usage(reply.usage, outputTokens: reply.usage.outputTokens)
        out += "}"
        return out
    }

    /// The SSE events of a streamed reply, each a complete `event:`/`data:` frame.
    static func events(_ reply: ReplyContent, options: StreamOptions?) -> [String] {
        var events: [String] = []
        let start = "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_mock_\(reply.serial)\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\(JSONText.quoted(reply.model)),\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":\(usage(reply.usage, outputTokens: 1))}}"
        events.append(frame("message_start", start))
        events.append(frame("ping", "{\"type\":\"ping\"}"))

        var index = 0
        let textChunks = options?.textChunks ?? 1
        if let thinking = reply.thinking {
            events.append(blockStart(index, "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}"))
            for piece in TextSplitter.pieces(of: thinking, count: textChunks) {
                events.append(blockDelta(index, "{\"type\":\"thinking_delta\",\"thinking\":\(JSONText.quoted(String(piece)))}"))
            }
            events.append(blockDelta(index, "{\"type\":\"signature_delta\",\"signature\":\(JSONText.quoted(reply.signature))}"))
            events.append(blockStop(index))
            index += 1
        }
        if hasTextBlock(reply) {
            events.append(blockStart(index, "{\"type\":\"text\",\"text\":\"\"}"))
            for piece in TextSplitter.pieces(of: reply.text, count: textChunks) {
                events.append(blockDelta(index, "{\"type\":\"text_delta\",\"text\":\(JSONText.quoted(String(piece)))}"))
            }
            events.append(blockStop(index))
            index += 1
        }
        for (callIndex, call) in reply.toolCalls.enumerated() {
            events.append(blockStart(index, "{\"type\":\"tool_use\",\"id\":\(JSONText.quoted(reply.anthropicToolID(callIndex))),\"name\":\(JSONText.quoted(call.name)),\"input\":{}}"))
            for piece in TextSplitter.pieces(of: call.argumentsJSON, count: options?.argsChunks ?? 1) {
                events.append(blockDelta(index, "{\"type\":\"input_json_delta\",\"partial_json\":\(JSONText.quoted(String(piece)))}"))
            }
            events.append(blockStop(index))
            index += 1
        }

        let delta = "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"\(reply.stopReason.anthropicName)\",\"stop_sequence\":null},\"usage\":\(usage(reply.usage, outputTokens: reply.usage.outputTokens))}"
        events.append(frame("message_delta", delta))
        events.append(frame("message_stop", "{\"type\":\"message_stop\"}"))
        return events
    }

    /// The `event: error` frame a 200 stream may carry (e.g. overloaded).
    static func errorEvent(_ error: ErrorBody) -> String {
        frame("error", error.json(for: .anthropic))
    }

    /// A text block is sent when there is text, or when there is nothing else to send.
    private static func hasTextBlock(_ reply: ReplyContent) -> Bool {
        !reply.text.isEmpty || reply.toolCalls.isEmpty
    }

    private static func usage(_ usage: ReplyContent.Usage, outputTokens: Int) -> String {
        "{\"input_tokens\":\(usage.inputTokens),\"cache_creation_input_tokens\":\(usage.cacheCreationInputTokens),\"cache_read_input_tokens\":\(usage.cacheReadInputTokens),\"output_tokens\":\(outputTokens)}"
    }

    private static func blockStart(_ index: Int, _ block: String) -> String {
        frame("content_block_start", "{\"type\":\"content_block_start\",\"index\":\(index),\"content_block\":\(block)}")
    }

    private static func blockDelta(_ index: Int, _ delta: String) -> String {
        frame("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":\(index),\"delta\":\(delta)}")
    }

    private static func blockStop(_ index: Int) -> String {
        frame("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":\(index)}")
    }

    private static func frame(_ event: String, _ data: String) -> String {
        "event: \(event)\ndata: \(data)\n\n"
    }
}
