import Hummingbird
import NIOCore

/// A streamed (SSE) response that writes pre-rendered events, each flushed as it is written,
/// with the pauses and the abrupt end a script asks for.
enum EventStreamResponse {
    static func make(
        status: Int,
        events: [String],
        headers: HTTPFields,
        options: StreamOptions?,
        channel: any Channel
    ) -> Response {
        let delayMs = max(options?.chunkDelayMs ?? 0, 0)
        let cutAfter = options?.cutAfterEvents.map { max($0, 0) }
        let sent = events.prefix(cutAfter ?? events.count)
        return Response(status: .init(code: status), headers: headers, body: ResponseBody { writer in
            if delayMs == 0 {
                // Nothing to wait for between events: one write, one syscall.
                var buffer = ByteBuffer()
                for event in sent { buffer.writeString(event) }
                if buffer.readableBytes > 0 { try await writer.write(buffer) }
            } else {
                for (offset, event) in sent.enumerated() {
                    if offset > 0 { try await Task.sleep(for: .milliseconds(delayMs)) }
                    try await writer.write(ByteBuffer(string: event))
                }
            }
            if cutAfter != nil {
                // No final chunk: the client sees the body end without the stream's last event.
                await ConnectionControl.cut(channel)
                throw ConnectionClosedOnPurpose()
            }
            try await writer.finish(nil)
        })
    }

    /// The headers of an SSE response.
    static func headers(extra: [String: String]) -> HTTPFields {
        var fields = HTTPResponses.headers(contentType: "text/event-stream; charset=utf-8", extra: extra)
        if fields[.cacheControl] == nil { fields[.cacheControl] = "no-cache" }
        return fields
    }
}
