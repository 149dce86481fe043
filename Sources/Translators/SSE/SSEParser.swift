/// One server-sent event: its `event:` name (if any) and its `data:` lines joined by `\n`.
struct SSEEvent: Equatable {
    var name: String?
    var data: [UInt8]
}

/// An incremental `text/event-stream` parser: bytes in, whole events out, the same events
/// whatever the chunk boundaries (a `\r\n` split across chunks included).
struct SSEParser {
    /// An event larger than this is dropped rather than buffered without bound; the stream
    /// translators then end the client's stream with an error event (``overflowed``).
    static let maxEventBytes = 16 << 20
    /// What the client's error event says when an upstream event passed ``maxEventBytes``.
    static let overflowMessage = "upstream sent a stream event larger than \(maxEventBytes >> 20) MiB; the stream was stopped"

    private var line: [UInt8] = []
    private var skipNextLineFeed = false
    private var name: String?
    private var data: [UInt8] = []
    private var hasData = false
    /// Set when an event had to be dropped for size.
    private(set) var overflowed = false
    /// The rest of an oversized event is skipped up to its end (a blank line), so that its tail
    /// is not read as lines of a new event.
    private var discarding = false

    /// Whether bytes of an unfinished event are buffered (a stream ending now was cut mid-event).
    var hasPartialEvent: Bool { !line.isEmpty || hasData || name != nil }
    /// After a feed: the offset in that chunk just past the last line that left no event
    /// unfinished, nil when there was none. Bytes up to it can be forwarded as whole events.
    private(set) var quietOffset: Int?

    mutating func feed(_ bytes: some Collection<UInt8>) -> [SSEEvent] {
        if let events = bytes.withContiguousStorageIfAvailable({ feed(buffer: $0) }) { return events }
        return Array(bytes).withUnsafeBufferPointer { feed(buffer: $0) }
    }

    /// Scans for line ends and appends whole runs, not byte by byte.
    mutating func feed(buffer: UnsafeBufferPointer<UInt8>) -> [SSEEvent] {
        var events: [SSEEvent] = []
        var i = 0
        let count = buffer.count
        quietOffset = nil
        while i < count {
            if skipNextLineFeed {
                skipNextLineFeed = false
                if buffer[i] == 0x0A {
                    i += 1
                    if !hasPartialEvent { quietOffset = i }
                    continue
                }
            }
            var end = i
            while end < count, buffer[end] != 0x0A, buffer[end] != 0x0D { end += 1 }
            if discarding {
                if end == i, end < count { discarding = false }  // a blank line: the event is over
            } else if end > i {
                if line.count + data.count + (end - i) <= Self.maxEventBytes {
                    line.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<end]))
                } else {
                    overflowed = true
                    discarding = true
                    line.removeAll()
                    data.removeAll()
                    hasData = false
                    name = nil
                }
            }
            guard end < count else { break }
            skipNextLineFeed = buffer[end] == 0x0D
            endLine(into: &events)
            i = end + 1
            // After a `\r`, wait for a possible `\n` so that a forwarded run never ends mid line end.
            if !hasPartialEvent, !skipNextLineFeed { quietOffset = i }
        }
        return events
    }

    /// At end of input: the last line and event count as terminated (many servers omit the final
    /// blank line). Returns what that completes.
    mutating func finish() -> [SSEEvent] {
        var events: [SSEEvent] = []
        if !line.isEmpty { endLine(into: &events) }
        if hasData { events.append(SSEEvent(name: name, data: data)) }
        name = nil
        data.removeAll()
        hasData = false
        return events
    }

    private mutating func endLine(into events: inout [SSEEvent]) {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            if hasData { events.append(SSEEvent(name: name, data: data)) }
            name = nil
            data.removeAll(keepingCapacity: true)
            hasData = false
            return
        }
        if line[0] == UInt8(ascii: ":") { return }
        let colon = line.firstIndex(of: UInt8(ascii: ":")) ?? line.endIndex
        var valueStart = colon < line.endIndex ? colon + 1 : colon
        if valueStart < line.endIndex, line[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
        let field = line[..<colon]
        if field.elementsEqual("data".utf8) {
            if hasData { data.append(0x0A) }
            data.append(contentsOf: line[valueStart...])
            hasData = true
        } else if field.elementsEqual("event".utf8) {
            name = String(decoding: line[valueStart...], as: UTF8.self)
        }
    }
}
