import Hummingbird
import NIOCore
import RouteModel

/// Relays an opened upstream SSE stream to the client with backpressure: each write waits for
/// the client's socket, and the next upstream read waits for that write.
///
/// After the first byte went out there is no fallback: a broken, stalled or truncated upstream
/// stream ends with an error event in the caller's format, never with a clean end.
struct StreamRelay: Sendable {
    let stream: UpstreamStream
    let target: String
    let callerFormat: WireProtocol
    let log: RequestLog

    func body(record: RequestRecord) -> ResponseBody {
        ResponseBody { [stream, target, callerFormat, log] (writer: inout any ResponseBodyWriter) in
            var record = record
            let reader = stream.reader
            var framer = stream.framer
            var failure: RouterError?
            defer { log.emit(record) }
            do {
                try await writer.write(stream.opening)
                record.timeToFirstByte = record.duration
                record.bytesOut += stream.opening.readableBytes
                while true {
                    let chunk: ByteBuffer?
                    do throws(UpstreamBodyReader.ReadError) {
                        chunk = try await reader.next()
                    } catch .idle {
                        failure = .upstreamTimeout(target: target, phase: .idle)
                        break
                    } catch .broken(let detail) {
                        failure = .upstreamStreamBroken(target: target, detail: detail)
                        break
                    }
                    guard let chunk else { break }
                    if let events = framer.feed(chunk) {
                        record.bytesOut += events.readableBytes
                        try await writer.write(events)
                    }
                }
                if failure == nil, !framer.sawTerminal, !framer.sawError {
                    failure = .upstreamStreamBroken(target: target, detail: "the stream ended without its final event")
                }
                if let failure {
                    record.errorCode = failure.descriptor.code
                    let event = ErrorRendering.streamEvent(failure.descriptor, format: callerFormat, requestID: record.requestID)
                    try await writer.write(ByteBuffer(string: event))
                }
                try await writer.finish(nil)
            } catch {
                // The client went away: dropping the upstream body cancels the upstream request.
                reader.cancel()
                record.errorCode = "client_disconnected"
            }
        }
    }
}
