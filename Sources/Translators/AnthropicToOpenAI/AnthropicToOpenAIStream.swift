import RouteModel

/// Translates an Anthropic Messages SSE stream into an OpenAI Chat Completions chunk stream.
///
/// Feed upstream bytes in any chunking; each call returns complete `data:` frames. The output
/// starts with a `role: assistant` chunk, carries `content`, `reasoning_content` (from thinking)
/// and `tool_calls` deltas (a call's first chunk has its id and name, later ones argument
/// fragments), then one chunk with `finish_reason`, the usage chunk when the client asked for
/// `stream_options.include_usage`, and `data: [DONE]`. An Anthropic `error` event, a stream that
/// ends before `message_delta`/`message_stop`, or ``fail(_:)`` ends it with an OpenAI error
/// frame `data: {"error": …}` instead.
public struct AnthropicToOpenAIStream: Sendable {
    private let inboundModel: String
    private let created: Int
    private let includeUsage: Bool
    /// The `response_format` tool (``UpstreamContext/structuredOutputTool``) and the block
    /// index it arrived at: its input streams out as `content`, not as a tool call.
    private let structuredTool: String?
    private var structuredIndex: Int?

    private var parser = SSEParser()
    private var out: [UInt8] = []
    private var chunkID = "chatcmpl-router"
    private var started = false
    /// Anthropic block index → OpenAI tool-call index, for tool_use blocks.
    private var toolIndexes: [Int: Int] = [:]
    private var stopReason: String?
    private var usage = AnthropicUsage()
    private var sawUsage = false

    public private(set) var isFinished = false
    /// The upstream reported an error or was cut, or the runtime failed the stream.
    public private(set) var failure: StreamFailure?
    /// ``failure``'s message.
    public var upstreamError: String? { failure?.message }
    /// Whether any content delta has been emitted.
    public private(set) var emittedContent = false
    /// The usage from `message_start` and `message_delta`, once one carried it.
    public var tokenUsage: TokenUsage? { sawUsage ? usage.tokenUsage : nil }

    public init(context: UpstreamContext, includeUsage: Bool) {
        inboundModel = context.inboundModel
        created = context.created
        self.includeUsage = includeUsage
        structuredTool = context.structuredOutputTool
    }

    public mutating func feed(_ bytes: some Collection<UInt8>) -> [UInt8] {
        guard !isFinished else { return [] }
        for event in parser.feed(bytes) {
            handle(event, final: false)
            if isFinished { break }
        }
        if parser.overflowed, !isFinished { terminate(.oversized, type: "api_error", message: SSEParser.overflowMessage) }
        return take()
    }

    /// The upstream ended: completes the stream if the message was complete, else an error frame.
    public mutating func finish() -> [UInt8] {
        guard !isFinished else { return take() }
        for event in parser.finish() {
            handle(event, final: true)
            if isFinished { return take() }
        }
        if stopReason != nil {
            complete()
        } else {
            terminate(.cut, type: "api_error", message: "upstream stream ended before the message was complete")
        }
        return take()
    }

    public mutating func fail(_ message: String, type: String = "api_error") -> [UInt8] {
        guard !isFinished else { return take() }
        terminate(.runtime, type: type, message: message)
        return take()
    }

    private mutating func take() -> [UInt8] {
        let frames = out
        out = []
        return frames
    }

    private mutating func handle(_ event: SSEEvent, final: Bool) {
        guard let document = try? JSONDocument(event.data), document.root.isObject else {
            if event.name == "error" {
                terminate(.upstreamError, type: "api_error", message: String(decoding: event.data.prefix(500), as: UTF8.self))
            } else if final {
                terminate(.cut, type: "api_error", message: "upstream stream was cut off mid-event")
            }
            return
        }
        let root = document.root
        switch root.string("type") ?? event.name ?? "" {
        case "message_start":
            let message = root["message"]
            if let id = message?.string("id") { chunkID = "chatcmpl-\(id)" }
            usage.update(message?["usage"])
            sawUsage = sawUsage || message?["usage"]?.isObject == true
            ensureStarted()
        case "content_block_start":
            ensureStarted()
            guard let index = root["index"]?.int, let block = root["content_block"] else { return }
            switch block.string("type") {
            case "tool_use" where structuredIndex == nil && structuredTool != nil && block.string("name") == structuredTool:
                structuredIndex = index
            case "tool_use":
                let toolIndex = toolIndexes.count
                toolIndexes[index] = toolIndex
                chunk { w in
                    w.key("tool_calls")
                    w.beginArray()
                    w.beginObject()
                    w.member("index", toolIndex)
                    w.member("id", block.string("id") ?? "call_\(toolIndex)")
                    w.member("type", "function")
                    w.key("function")
                    w.beginObject()
                    w.member("name", block.string("name") ?? "unknown_tool")
                    w.member("arguments", "")
                    w.endObject()
                    w.endObject()
                    w.endArray()
                }
            case "text":
                if let text = block["text"], text.isString, !text.rawStringContent.isEmpty {
                    chunk { w in
                        w.key("content")
                        w.string(rawEscaped: text.rawStringContent)
                    }
                }
            default:
                break
            }
        case "content_block_delta":
            ensureStarted()
            guard let index = root["index"]?.int, let delta = root["delta"] else { return }
            handleDelta(delta, index: index)
        case "message_delta":
            ensureStarted()
            if let reason = root["delta"]?.string("stop_reason") { stopReason = reason }
            usage.update(root["usage"])
            sawUsage = sawUsage || root["usage"]?.isObject == true
        case "message_stop":
            ensureStarted()
            complete()
        case "error":
            let error = root["error"]
            terminate(.upstreamError, type: error?.string("type") ?? "api_error", message: error?.string("message") ?? "upstream error")
        default:
            break
        }
    }

    private mutating func handleDelta(_ delta: JSONNode, index: Int) {
        switch delta.string("type") {
        case "text_delta":
            guard let text = delta["text"], text.isString, !text.rawStringContent.isEmpty else { return }
            chunk { w in
                w.key("content")
                w.string(rawEscaped: text.rawStringContent)
            }
        case "thinking_delta":
            guard let text = delta["thinking"], text.isString, !text.rawStringContent.isEmpty else { return }
            chunk { w in
                w.key("reasoning_content")
                w.string(rawEscaped: text.rawStringContent)
            }
        case "input_json_delta" where index == structuredIndex:
            guard let partial = delta["partial_json"], partial.isString, !partial.rawStringContent.isEmpty else { return }
            chunk { w in
                w.key("content")
                w.string(rawEscaped: partial.rawStringContent)
            }
        case "input_json_delta":
            guard let toolIndex = toolIndexes[index], let partial = delta["partial_json"], partial.isString,
                  !partial.rawStringContent.isEmpty
            else { return }
            chunk { w in
                w.key("tool_calls")
                w.beginArray()
                w.beginObject()
                w.member("index", toolIndex)
                w.key("function")
                w.beginObject()
                w.key("arguments")
                w.string(rawEscaped: partial.rawStringContent)
                w.endObject()
                w.endObject()
                w.endArray()
            }
        default:
            break
        }
    }

    private mutating func ensureStarted() {
        guard !started else { return }
        started = true
        chunk(markContent: false) { w in
            w.member("role", "assistant")
            w.member("content", "")
        }
    }

    /// One `chat.completion.chunk` whose `choices[0].delta` is written by `delta`.
    private mutating func chunk(finishReason: String? = nil, markContent: Bool = true, _ delta: (inout JSONWriter) -> Void) {
        if markContent { emittedContent = true }
        var w = JSONWriter(capacity: 192)
        writeChunkHeader(into: &w)
        w.key("choices")
        w.beginArray()
        w.beginObject()
        w.member("index", 0)
        w.key("delta")
        w.beginObject()
        delta(&w)
        w.endObject()
        w.key("finish_reason")
        if let finishReason { w.string(finishReason) } else { w.null() }
        w.endObject()
        w.endArray()
        w.endObject()
        SSEFrame.append(name: nil, data: w.bytes, to: &out)
    }

    private func writeChunkHeader(into w: inout JSONWriter) {
        w.beginObject()
        w.member("id", chunkID)
        w.member("object", "chat.completion.chunk")
        w.member("created", created)
        w.member("model", inboundModel)
    }

    private mutating func complete() {
        guard !isFinished else { return }
        ensureStarted()
        chunk(finishReason: StopReasonMapping.openAI(stopReason: stopReason, hasToolCalls: !toolIndexes.isEmpty), markContent: false) { _ in }
        if includeUsage {
            var w = JSONWriter(capacity: 256)
            writeChunkHeader(into: &w)
            w.key("choices")
            w.beginArray()
            w.endArray()
            w.key("usage")
            usage.writeOpenAI(into: &w)
            w.endObject()
            SSEFrame.append(name: nil, data: w.bytes, to: &out)
        }
        out.append(contentsOf: SSEFrame.openAIDone)
        isFinished = true
    }

    /// `type` is Anthropic's (the upstream's own), written into the OpenAI error chunk.
    private mutating func terminate(_ kind: StreamFailure.Kind, type: String, message: String) {
        failure = StreamFailure(kind, anthropicType: type, message: message)
        SSEFrame.append(name: nil, data: ErrorBodyTranslator.openAIError(type: type, message: message), to: &out)
        isFinished = true
    }
}
