import NIOCore
import RouteModel

/// Cuts an upstream SSE byte stream at event boundaries, so that the client only ever receives
/// whole events (a cut stream can then end with a clean error event), and notes what the
/// relay must know: the first event, errors, and whether the stream's terminal event arrived.
struct SSEFramer {
    /// One dispatched event, kept only for the first event of a stream.
    struct Event: Sendable, Equatable {
        var name: String?
        var data: String
    }

    let format: WireProtocol
    /// Bytes received but not yet forwarded (an incomplete event).
    private var pending = ByteBuffer()
    /// Offset in `pending` up to which lines have been examined.
    private var scanned = 0
    /// Offset in `pending` where the line being read starts.
    private var lineStart = 0
    private var eventName: String?
    private var eventData = ""
    private(set) var eventCount = 0
    private(set) var firstEvent: Event?
    /// `message_stop` (Anthropic) or `data: [DONE]` (OpenAI) went by.
    private(set) var sawTerminal = false
    /// An error event went by (the upstream ended the stream itself, in the caller's format).
    private(set) var sawError = false

    /// Longest data kept for the first event; a first event is an envelope, not content.
    private static let firstEventDataLimit = 64 * 1024
    /// Most bytes held back waiting for an event boundary.
    private static let maxHeldBytes = 1 << 20

    init(format: WireProtocol) {
        self.format = format
    }

    /// Whether bytes of an unfinished event are held back.
    var hasPartialEvent: Bool { pending.readableBytes > 0 }

    /// Adds upstream bytes; returns the complete events among everything received, or nil
    /// while no event is complete yet.
    mutating func feed(_ chunk: ByteBuffer) -> ByteBuffer? {
        if pending.readableBytes == 0 {
            pending = chunk
        } else {
            var chunk = chunk
            pending.writeBuffer(&chunk)
        }
        var boundary = scan()
        if boundary == 0 {
            // Not SSE after all, or an absurd event: pass it on rather than hold it forever.
            guard pending.readableBytes > Self.maxHeldBytes else { return nil }
            boundary = pending.readableBytes
            lineStart = boundary
        }
        let complete = pending.readSlice(length: boundary)
        scanned -= boundary
        lineStart -= boundary
        if pending.readableBytes == 0 { pending = ByteBuffer() }
        return complete
    }

    /// Examines new complete lines; returns the offset just past the last event boundary.
    private mutating func scan() -> Int {
        var boundary = 0
        pending.withUnsafeReadableBytes { bytes in
            var index = scanned
            while index < bytes.count {
                if bytes[index] == 0x0A {
                    var end = index
                    if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
                    if end == lineStart {
                        dispatch()
                        boundary = index + 1
                    } else {
                        line(UnsafeRawBufferPointer(rebasing: bytes[lineStart..<end]))
                    }
                    lineStart = index + 1
                }
                index += 1
            }
            scanned = index
        }
        return boundary
    }

    private mutating func line(_ bytes: UnsafeRawBufferPointer) {
        if Self.hasPrefix(bytes, "event:") {
            eventName = Self.fieldValue(bytes, after: 6)
        } else if Self.hasPrefix(bytes, "data:") {
            // Only the first event and short lines ([DONE], error envelopes' start) are read.
            if eventCount == 0, eventData.utf8.count < Self.firstEventDataLimit {
                if !eventData.isEmpty { eventData += "\n" }
                eventData += Self.fieldValue(bytes, after: 5)
            } else if format == .openai {
                let value = Self.fieldValue(UnsafeRawBufferPointer(rebasing: bytes[..<min(bytes.count, 16)]), after: 5)
                if value == "[DONE]" { sawTerminal = true }
                if value.hasPrefix("{\"error\"") { sawError = true }
            }
        }
    }

    private mutating func dispatch() {
        defer {
            eventName = nil
            eventData = ""
        }
        guard eventName != nil || !eventData.isEmpty else { return }
        if eventCount == 0 {
            firstEvent = Event(name: eventName, data: eventData)
            if format == .openai, eventData == "[DONE]" { sawTerminal = true }
        }
        eventCount += 1
        switch eventName {
        case "message_stop": sawTerminal = true
        case "error": sawError = true
        default: break
        }
        if format == .openai, eventCount == 1, eventData.hasPrefix("{\"error\"") { sawError = true }
    }

    private static func hasPrefix(_ bytes: UnsafeRawBufferPointer, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        for offset in 0..<count where bytes[offset] != prefix.utf8Start[offset] { return false }
        return true
    }

    /// A field's value: after the colon, one leading space dropped (as the SSE spec says).
    private static func fieldValue(_ bytes: UnsafeRawBufferPointer, after colon: Int) -> String {
        var start = colon
        if start < bytes.count, bytes[start] == 0x20 { start += 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start...]), as: UTF8.self)
    }
}
