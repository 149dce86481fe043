/// Builds the Anthropic Messages stream events, each a complete SSE frame.
struct AnthropicEventWriter {
    private(set) var out: [UInt8] = []

    /// The frames written so far; the writer starts over empty.
    mutating func take() -> [UInt8] {
        let frames = out
        out = []
        return frames
    }

    mutating func event(_ name: String, _ build: (inout JSONWriter) -> Void) {
        var w = JSONWriter(capacity: 128)
        w.beginObject()
        w.member("type", name)
        build(&w)
        w.endObject()
        SSEFrame.append(name: name, data: w.bytes, to: &out)
    }

    mutating func messageStart(id: String, model: String, inputTokens: Int) {
        event("message_start") { w in
            w.key("message")
            w.beginObject()
            w.member("id", id)
            w.member("type", "message")
            w.member("role", "assistant")
            w.member("model", model)
            w.key("content")
            w.beginArray()
            w.endArray()
            w.key("stop_reason")
            w.null()
            w.key("stop_sequence")
            w.null()
            w.key("usage")
            w.beginObject()
            w.member("input_tokens", inputTokens)
            w.member("output_tokens", 0)
            w.endObject()
            w.endObject()
        }
    }

    enum BlockStart {
        case text, thinking
        case toolUse(id: String, name: String)
        case serverToolUse(id: String)
        /// A block that arrives whole (`web_search_tool_result`), written by the closure.
        case whole((inout JSONWriter) -> Void)
    }

    mutating func blockStart(_ index: Int, _ block: BlockStart) {
        event("content_block_start") { w in
            w.member("index", index)
            w.key("content_block")
            if case .whole(let write) = block {
                write(&w)
                return
            }
            w.beginObject()
            switch block {
            case .text:
                w.member("type", "text")
                w.member("text", "")
            case .thinking:
                w.member("type", "thinking")
                w.member("thinking", "")
                w.member("signature", "")
            case .toolUse(let id, let name):
                w.member("type", "tool_use")
                w.member("id", id)
                w.member("name", name)
                w.key("input")
                w.beginObject()
                w.endObject()
            case .serverToolUse(let id):
                w.member("type", "server_tool_use")
                w.member("id", id)
                w.member("name", "web_search")
                w.key("input")
                w.beginObject()
                w.endObject()
            case .whole:
                break
            }
            w.endObject()
        }
    }

    /// A delta whose payload is `field` = a string value, given either decoded or still escaped.
    enum DeltaText {
        case decoded(String)
        case escaped(ArraySlice<UInt8>)
        case bytes([UInt8])
    }

    mutating func blockDelta(_ index: Int, type: String, field: String, _ text: DeltaText) {
        event("content_block_delta") { w in
            w.member("index", index)
            w.key("delta")
            w.beginObject()
            w.member("type", type)
            w.key(field)
            switch text {
            case .decoded(let string): w.string(string)
            case .escaped(let raw): w.string(rawEscaped: raw)
            case .bytes(let bytes): w.string(escaping: bytes)
            }
            w.endObject()
        }
    }

    mutating func blockStop(_ index: Int) {
        event("content_block_stop") { w in w.member("index", index) }
    }

    mutating func messageDelta(stop: StopReasonMapping.AnthropicStop, usage: OpenAIUsage) {
        event("message_delta") { w in
            w.key("delta")
            w.beginObject()
            w.member("stop_reason", stop.reason)
            w.key("stop_sequence")
            if let sequence = stop.sequence { w.string(sequence) } else { w.null() }
            w.endObject()
            w.key("usage")
            usage.writeAnthropic(into: &w)
        }
    }

    mutating func messageStop() {
        event("message_stop") { _ in }
    }

    mutating func error(type: String, message: String) {
        event("error") { w in
            w.key("error")
            w.beginObject()
            w.member("type", type)
            w.member("message", message)
            w.endObject()
        }
    }
}
