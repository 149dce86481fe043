import RouteModel

/// A same-format stream forwarded byte for byte, with its events watched: an error frame sets
/// ``upstreamError``; a stream that ends without its terminal event (`message_stop` or an
/// `error` for Anthropic, `[DONE]` or an error for OpenAI) gets an error event appended, so the
/// client never sees a silent clean end.
///
/// With `dropsUsageChunks` (an OpenAI client that did not ask for usage, whose request the router
/// made ask for it so that the usage log has the counts) the usage-only chunk is read and left
/// out; the other events are then re-framed as `data:` lines instead of forwarded as bytes.
public struct PassthroughStreamWatcher: Sendable {
    private let wireProtocol: WireProtocol
    private let dropsUsageChunks: Bool
    private var parser = SSEParser()
    private var sawTerminal = false
    /// Bytes of an event not yet complete.
    private var held: [UInt8] = []

    public private(set) var isFinished = false
    /// The upstream sent an error event or was cut, or the runtime failed the stream.
    public private(set) var failure: StreamFailure?
    /// ``failure``'s message.
    public var upstreamError: String? { failure?.message }
    /// Whether a content event (anything but message_start/ping, or any OpenAI chunk with a
    /// delta) has gone by.
    public private(set) var emittedContent = false
    /// The usage the upstream's events reported, in the usage log's terms.
    public var tokenUsage: TokenUsage? {
        switch wireProtocol {
        case .anthropic: sawAnthropicUsage ? anthropicUsage.tokenUsage : nil
        case .openai: openAIUsage?.tokenUsage
        }
    }
    private var anthropicUsage = AnthropicUsage()
    private var sawAnthropicUsage = false
    private var openAIUsage: OpenAIUsage?

    public init(wireProtocol: WireProtocol, dropsUsageChunks: Bool = false) {
        self.wireProtocol = wireProtocol
        self.dropsUsageChunks = dropsUsageChunks && wireProtocol == .openai
    }

    /// The upstream's bytes up to the end of the last whole event; the rest is held until its
    /// event completes, so that an error frame appended after a cut never lands mid-event.
    public mutating func feed(_ bytes: some Collection<UInt8>) -> [UInt8] {
        guard !isFinished else { return [] }
        let start = held.count
        held.append(contentsOf: bytes)
        let events = held.withUnsafeBufferPointer { parser.feed(buffer: UnsafeBufferPointer(rebasing: $0[start...])) }
        // An oversized event is not forwarded cut; the client gets an error event instead.
        if parser.overflowed { return stop(StreamFailure(.oversized, message: SSEParser.overflowMessage)) }
        if dropsUsageChunks {
            held = []
            return reframe(events)
        }
        for event in events { watch(event) }
        guard let quiet = parser.quietOffset else {
            // Not SSE after all, or an absurd event: pass it on rather than hold it without bound.
            guard held.count > SSEParser.maxEventBytes else { return [] }
            defer { held = [] }
            return held
        }
        let end = start + quiet
        if end == held.count {
            defer { held = [] }
            return held
        }
        let whole = Array(held[..<end])
        held.removeFirst(end)
        return whole
    }

    public mutating func finish() -> [UInt8] {
        guard !isFinished else { return [] }
        let wasPartial = parser.hasPartialEvent
        let last = parser.finish()
        isFinished = true
        var out: [UInt8]
        if dropsUsageChunks {
            out = reframe(last)  // whole events, terminal or not
        } else {
            for event in last { watch(event) }
            // A last event without its blank line (many servers omit it): complete it. Without
            // the terminal event it is a cut one, and only the error event follows.
            out = sawTerminal ? held : []
            if wasPartial, !out.isEmpty { out.append(contentsOf: [0x0A, 0x0A]) }
        }
        held = []
        guard !sawTerminal else { return out }
        let failure = failure ?? StreamFailure(.cut, message: "upstream stream ended before it was complete")
        self.failure = failure
        return out + errorFrame(failure.message)
    }

    public mutating func fail(_ message: String, type: String = "api_error") -> [UInt8] {
        stop(StreamFailure(.runtime, anthropicType: type, message: message), frameType: type)
    }

    private mutating func stop(_ failure: StreamFailure, frameType: String = "api_error") -> [UInt8] {
        guard !isFinished else { return [] }
        isFinished = true
        held = []
        self.failure = failure
        return sawTerminal ? [] : errorFrame(failure.message, type: frameType)
    }

    /// Each event as a `data:` line, the usage-only chunk left out (`dropsUsageChunks`).
    private mutating func reframe(_ events: [SSEEvent]) -> [UInt8] {
        var out: [UInt8] = []
        for event in events where !watch(event) {
            // One `data:` line per line of the payload, as it arrived.
            for line in event.data.split(separator: 0x0A, omittingEmptySubsequences: false) {
                out.append(contentsOf: "data: ".utf8)
                out.append(contentsOf: line)
                out.append(0x0A)
            }
            out.append(0x0A)
        }
        return out
    }

    /// Notes what `event` says; returns whether it is a usage-only chunk that the client did
    /// not ask for.
    @discardableResult
    private mutating func watch(_ event: SSEEvent) -> Bool {
        if wireProtocol == .openai, event.data.elementsEqual("[DONE]".utf8) {
            sawTerminal = true
            return false
        }
        let document = try? JSONDocument(event.data)
        let root = document?.root
        switch wireProtocol {
        case .anthropic:
            let type = root?.string("type") ?? event.name
            switch type {
            case "error":
                sawTerminal = true
                failure = StreamFailure(
                    .upstreamError, anthropicType: root?["error"]?.string("type") ?? "api_error",
                    message: root?["error"]?.string("message") ?? "upstream error"
                )
            case "message_stop":
                sawTerminal = true
            case "message_start":
                noteAnthropicUsage(root?["message"]?["usage"])
            case "message_delta":
                noteAnthropicUsage(root?["usage"])
                emittedContent = true
            case "ping", nil:
                break
            default:
                emittedContent = true
            }
        case .openai:
            if let error = root?["error"], !error.isNull {
                sawTerminal = true
                failure = StreamFailure(
                    .upstreamError, anthropicType: AnthropicErrorType.from(openAIType: error.string("type"), code: error.string("code")),
                    message: error.string("message") ?? error.string ?? "upstream error"
                )
            } else if root?["choices"] != nil {
                emittedContent = true
            }
            if let usage = OpenAIUsage(root?["usage"]) {
                openAIUsage = usage
                if dropsUsageChunks, let choices = root?["choices"], choices.isArray, choices.count == 0 { return true }
            }
        }
        return false
    }

    private mutating func noteAnthropicUsage(_ usage: JSONNode?) {
        guard let usage, usage.isObject else { return }
        anthropicUsage.update(usage)
        sawAnthropicUsage = true
    }

    private func errorFrame(_ message: String, type: String = "api_error") -> [UInt8] {
        var out: [UInt8] = []
        switch wireProtocol {
        case .anthropic:
            var events = AnthropicEventWriter()
            events.error(type: type, message: message)
            out = events.take()
        case .openai:
            SSEFrame.append(name: nil, data: ErrorBodyTranslator.openAIError(type: type, message: message), to: &out)
        }
        return out
    }
}
