import RouteModel

/// Translates an OpenAI Chat Completions SSE stream into an Anthropic Messages SSE stream.
///
/// Feed upstream bytes as they arrive, in any chunking; each call returns complete Anthropic
/// frames. The output is always a well-formed sequence: `message_start`; per block
/// `content_block_start` / `_delta` / `_stop` with consecutive indexes (`thinking_delta` for
/// `reasoning_content` / `reasoning` / a leading `<think>` section, `text_delta`,
/// `input_json_delta`); `message_delta` with `stop_reason` and usage; `message_stop`. It ends that
/// way even without a usage chunk, a `finish_reason` or `[DONE]`. An upstream error frame, a
/// stream cut mid-event, or ``fail(_:)`` ends it with an Anthropic `error` event instead.
///
/// Tool-call arguments are collected until the call is complete and sent as one
/// `input_json_delta`, so that arguments that turn out not to be JSON can still become
/// `{"raw": "<text>"}` (see ``ToolArguments``) instead of a broken stream.
public struct OpenAIToAnthropicStream: Sendable {
    private let inboundModel: String
    private let fallbackMessageID: String
    private let estimatedInputTokens: Int

    private var parser = SSEParser()
    private var events = AnthropicEventWriter()
    private var splitter = ThinkTagSplitter()

    private var messageID: String?
    private var started = false
    private var nextIndex = 0
    private enum OpenBlock: Equatable { case none, text(Int), thinking(Int) }
    private var openBlock = OpenBlock.none
    private var pendingTools: [ToolCallAccumulator] = []
    private var emittedToolCalls = 0
    private var finishReason: String?
    private var matchedStop: String?
    private var emittedSearch = false
    /// Whitespace-only text not yet sent: it opens a text block only once real text follows,
    /// and is dropped when a thinking block, a tool call or the end comes first (see ``BlankText``).
    private var heldBlankText: [AnthropicEventWriter.DeltaText] = []
    private var usage = OpenAIUsage()
    private var sawUsage = false

    /// The stream has ended (`message_stop` or `error` was emitted); later input is ignored.
    public private(set) var isFinished = false
    /// The upstream reported an error (or was cut); `emittedContent` tells whether the client had
    /// already been sent content, which is when the runtime can no longer fall back.
    public private(set) var failure: StreamFailure?
    /// ``failure``'s message.
    public var upstreamError: String? { failure?.message }
    /// Whether any content block has been emitted.
    public var emittedContent: Bool { nextIndex > 0 }
    /// The usage the upstream reported, once a chunk carried it.
    public var tokenUsage: TokenUsage? { sawUsage ? usage.tokenUsage : nil }

    /// - Parameters:
    ///   - messageID: the Anthropic message id to use when the upstream sends no chunk id.
    ///   - estimatedInputTokens: reported in `message_start` until real usage arrives.
    public init(context: UpstreamContext, messageID: String = "msg_router", estimatedInputTokens: Int = 0) {
        inboundModel = context.inboundModel
        fallbackMessageID = messageID
        self.estimatedInputTokens = estimatedInputTokens
    }

    public mutating func feed(_ bytes: some Collection<UInt8>) -> [UInt8] {
        guard !isFinished else { return [] }
        for event in parser.feed(bytes) {
            handle(event, final: false)
            if isFinished { break }
        }
        if parser.overflowed, !isFinished { terminate(.oversized, type: "api_error", message: SSEParser.overflowMessage) }
        return events.take()
    }

    /// The upstream ended. Emits what a well-formed stream still needs; an event cut off
    /// mid-way (its JSON incomplete) ends the stream with an `error` event.
    public mutating func finish() -> [UInt8] {
        guard !isFinished else { return events.take() }
        for event in parser.finish() {
            handle(event, final: true)
            if isFinished { return events.take() }
        }
        complete()
        return events.take()
    }

    /// The runtime saw the upstream fail (connection lost, idle timeout): ends the stream with an
    /// `error` event carrying `message`.
    public mutating func fail(_ message: String, type: String = "api_error") -> [UInt8] {
        guard !isFinished else { return events.take() }
        terminate(.runtime, type: type, message: message)
        return events.take()
    }

    // MARK: events

    private mutating func handle(_ event: SSEEvent, final: Bool) {
        if event.data.elementsEqual("[DONE]".utf8) {
            complete()
            return
        }
        if event.name == "error" {
            let document = try? JSONDocument(event.data)
            let message = document?.root["error"]?.string("message") ?? document?.root.string("message")
            terminate(.upstreamError, type: "api_error", message: message ?? String(decoding: event.data.prefix(500), as: UTF8.self))
            return
        }
        guard let document = try? JSONDocument(event.data), document.root.isObject else {
            // Keep-alive junk mid-stream is skipped; a last event that does not parse was cut.
            if final { terminate(.cut, type: "api_error", message: "upstream stream was cut off mid-event") }
            return
        }
        let root = document.root
        if let error = root["error"], !error.isNull {
            let message = error.string("message") ?? error.string ?? "upstream error"
            terminate(.upstreamError, type: AnthropicErrorType.from(openAIType: error.string("type"), code: error["code"].flatMap(codeText)), message: message)
            return
        }
        if messageID == nil, let id = root.string("id"), !id.isEmpty { messageID = id }
        ensureStarted()
        if !emittedSearch, let results = WebSearchResults.results(in: root) { appendSearch(results) }
        if let chunkUsage = OpenAIUsage(root["usage"]) {
            usage = chunkUsage
            sawUsage = true
        }
        guard let choice = root["choices"]?.firstElement(where: { ($0["index"]?.int ?? 0) == 0 }) else { return }
        if let choiceUsage = OpenAIUsage(choice["usage"]) {
            usage = choiceUsage
            sawUsage = true
        }
        if let delta = choice["delta"] ?? choice["message"], delta.isObject {
            handleDelta(delta)
        }
        if let reason = choice.string("finish_reason"), !reason.isEmpty { finishReason = reason }
        if let stop = StopReasonMapping.matchedStop(choice) { matchedStop = stop }
    }

    private func codeText(_ node: JSONNode) -> String? {
        node.string ?? node.int.map(String.init)
    }

    private mutating func handleDelta(_ delta: JSONNode) {
        for field in ["reasoning_content", "reasoning"] {
            if let reasoning = delta[field], reasoning.isString, !reasoning.rawStringContent.isEmpty {
                appendText(.thinking, .escaped(reasoning.rawStringContent))
                break
            }
        }
        if let content = delta["content"], content.isString, !content.rawStringContent.isEmpty {
            if splitter.isPassThrough {
                appendText(.text, .escaped(content.rawStringContent))
            } else {
                for segment in splitter.feed(content.string ?? "") { appendSegment(segment) }
            }
        }
        if let calls = delta["tool_calls"], calls.isArray {
            for call in calls.elements where call.isObject { appendToolCall(call) }
        }
    }

    private mutating func appendSegment(_ segment: ThinkTagSplitter.Segment) {
        switch segment {
        case .thinking(let text): appendText(.thinking, .decoded(text))
        case .text(let text): appendText(.text, .decoded(text))
        }
    }

    private enum TextKind { case text, thinking }

    private mutating func appendText(_ kind: TextKind, _ text: AnthropicEventWriter.DeltaText) {
        flushTools()
        let index: Int
        switch (kind, openBlock) {
        case (.text, .text(let open)), (.thinking, .thinking(let open)):
            index = open
        case (.text, _) where Self.isBlank(text):
            heldBlankText.append(Self.owned(text))
            return
        default:
            closeOpenBlock()
            heldBlankText.removeAll()
            index = nextIndex
            nextIndex += 1
            events.blockStart(index, kind == .text ? .text : .thinking)
            openBlock = kind == .text ? .text(index) : .thinking(index)
        }
        if kind == .text {
            for held in heldBlankText { events.blockDelta(index, type: "text_delta", field: "text", held) }
            heldBlankText.removeAll()
            events.blockDelta(index, type: "text_delta", field: "text", text)
        } else {
            events.blockDelta(index, type: "thinking_delta", field: "thinking", text)
        }
    }

    private static func isBlank(_ text: AnthropicEventWriter.DeltaText) -> Bool {
        switch text {
        case .decoded(let string): BlankText.isBlank(string)
        case .escaped(let raw): BlankText.isBlank(escaped: raw)
        case .bytes(let bytes): BlankText.isBlank(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// `text` without a reference into the event's buffer, to be kept past the event.
    private static func owned(_ text: AnthropicEventWriter.DeltaText) -> AnthropicEventWriter.DeltaText {
        if case .escaped(let raw) = text { return .escaped(ArraySlice(Array(raw))) }
        return text
    }

    private mutating func appendToolCall(_ call: JSONNode) {
        // Text held back by the think splitter belongs before the tool calls.
        for segment in splitter.flush() { appendSegment(segment) }
        closeOpenBlock()
        heldBlankText.removeAll()
        let id = call.string("id").flatMap { $0.isEmpty ? nil : $0 }
        let function = call["function"]
        let upstreamIndex = call["index"]?.int
        let position: Int
        if let existing = pendingTools.lastIndex(where: { $0.matches(upstreamIndex: upstreamIndex, id: id) }) {
            position = existing
        } else {
            pendingTools.append(ToolCallAccumulator(upstreamIndex: upstreamIndex ?? pendingTools.count, id: id))
            position = pendingTools.count - 1
        }
        if pendingTools[position].id == nil { pendingTools[position].id = id }
        if let name = function?.string("name"), !name.isEmpty, pendingTools[position].name.isEmpty {
            pendingTools[position].name = name
        }
        if let arguments = function?["arguments"] {
            if let text = arguments.stringBytes {
                pendingTools[position].arguments.append(contentsOf: text)
            } else if arguments.isObject {
                // Some servers send the arguments as an object rather than a string.
                pendingTools[position].arguments.append(contentsOf: arguments.raw)
            }
        }
    }

    /// The upstream's own web search, as the two blocks Anthropic's web search tool streams.
    private mutating func appendSearch(_ results: JSONNode) {
        emittedSearch = true
        for segment in splitter.flush() { appendSegment(segment) }
        flushTools()
        closeOpenBlock()
        heldBlankText.removeAll()
        let id = WebSearchResults.toolUseID(messageID: messageID ?? fallbackMessageID)
        events.blockStart(nextIndex, .serverToolUse(id: id))
        events.blockDelta(nextIndex, type: "input_json_delta", field: "partial_json", .decoded(#"{"query":""}"#))
        events.blockStop(nextIndex)
        events.blockStart(nextIndex + 1, .whole { w in WebSearchResults.writeResult(results, toolUseID: id, into: &w) })
        events.blockStop(nextIndex + 1)
        nextIndex += 2
    }

    private mutating func flushTools() {
        guard !pendingTools.isEmpty else { return }
        closeOpenBlock()
        let messageID = messageID ?? fallbackMessageID
        for tool in pendingTools {
            let index = nextIndex
            nextIndex += 1
            let id = ToolCallID.normalized(tool.id, messageID: messageID, ordinal: emittedToolCalls)
            emittedToolCalls += 1
            events.blockStart(index, .toolUse(id: id, name: tool.name.isEmpty ? "unknown_tool" : tool.name))
            events.blockDelta(index, type: "input_json_delta", field: "partial_json", .bytes(ToolArguments.inputObject(tool.arguments)))
            events.blockStop(index)
        }
        pendingTools.removeAll()
    }

    private mutating func closeOpenBlock() {
        switch openBlock {
        case .none: return
        case .text(let index), .thinking(let index): events.blockStop(index)
        }
        openBlock = .none
    }

    private mutating func ensureStarted() {
        guard !started else { return }
        started = true
        events.messageStart(id: anthropicMessageID, model: inboundModel, inputTokens: estimatedInputTokens)
    }

    private var anthropicMessageID: String {
        let id = ToolCallID.normalized(messageID ?? fallbackMessageID, messageID: "", ordinal: 0)
        return id.hasPrefix("msg_") ? id : "msg_\(id)"
    }

    /// The upstream is done: close everything and stop.
    private mutating func complete() {
        guard !isFinished else { return }
        if !started, failure == nil, finishReason == nil, !sawUsage {
            // Nothing at all arrived: that is a failed upstream, not an empty answer.
            terminate(.cut, type: "api_error", message: "upstream returned an empty stream")
            return
        }
        ensureStarted()
        for segment in splitter.flush() { appendSegment(segment) }
        flushTools()
        closeOpenBlock()
        if !sawUsage { usage.promptTokens = estimatedInputTokens }
        events.messageDelta(
            stop: StopReasonMapping.anthropic(finishReason: finishReason, hasToolCalls: emittedToolCalls > 0, matchedStop: matchedStop),
            usage: usage
        )
        events.messageStop()
        isFinished = true
    }

    private mutating func terminate(_ kind: StreamFailure.Kind, type: String, message: String) {
        failure = StreamFailure(kind, anthropicType: type, message: message)
        events.error(type: type, message: message)
        isFinished = true
    }
}
