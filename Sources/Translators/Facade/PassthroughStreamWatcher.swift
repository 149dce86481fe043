import RouteModel

/// A same-format stream forwarded byte for byte, with its events watched: an error frame sets
/// ``upstreamError``; a stream that ends without its terminal event (`message_stop` or an
/// `error` for Anthropic, `[DONE]` or an error for OpenAI) gets an error event appended, so the
/// client never sees a silent clean end.
public struct PassthroughStreamWatcher: Sendable {
    private let wireProtocol: WireProtocol
    private var parser = SSEParser()
    private var sawTerminal = false

    public private(set) var isFinished = false
    public private(set) var upstreamError: String?
    /// Whether a content event (anything but message_start/ping, or any OpenAI chunk with a
    /// delta) has gone by.
    public private(set) var emittedContent = false

    public init(wireProtocol: WireProtocol) {
        self.wireProtocol = wireProtocol
    }

    public mutating func feed(_ bytes: some Collection<UInt8>) -> [UInt8] {
        guard !isFinished else { return [] }
        let chunk = Array(bytes)
        for event in parser.feed(chunk) { watch(event) }
        return chunk
    }

    public mutating func finish() -> [UInt8] {
        guard !isFinished else { return [] }
        for event in parser.finish() { watch(event) }
        isFinished = true
        guard !sawTerminal else { return [] }
        upstreamError = upstreamError ?? "upstream stream ended before it was complete"
        return errorFrame(upstreamError ?? "")
    }

    public mutating func fail(_ message: String) -> [UInt8] {
        guard !isFinished else { return [] }
        isFinished = true
        upstreamError = message
        return sawTerminal ? [] : errorFrame(message)
    }

    private mutating func watch(_ event: SSEEvent) {
        if wireProtocol == .openai, event.data.elementsEqual("[DONE]".utf8) {
            sawTerminal = true
            return
        }
        let document = try? JSONDocument(event.data)
        let root = document?.root
        switch wireProtocol {
        case .anthropic:
            let type = root?.string("type") ?? event.name
            switch type {
            case "error":
                sawTerminal = true
                upstreamError = root?["error"]?.string("message") ?? "upstream error"
            case "message_stop":
                sawTerminal = true
            case "message_start", "ping", nil:
                break
            default:
                emittedContent = true
            }
        case .openai:
            if let error = root?["error"], !error.isNull {
                sawTerminal = true
                upstreamError = error.string("message") ?? error.string ?? "upstream error"
            } else if root?["choices"] != nil {
                emittedContent = true
            }
        }
    }

    private func errorFrame(_ message: String) -> [UInt8] {
        var out: [UInt8] = []
        switch wireProtocol {
        case .anthropic:
            var events = AnthropicEventWriter()
            events.error(type: "api_error", message: message)
            out = events.take()
        case .openai:
            SSEFrame.append(name: nil, data: ErrorBodyTranslator.openAIError(type: "api_error", message: message), to: &out)
        }
        return out
    }
}
