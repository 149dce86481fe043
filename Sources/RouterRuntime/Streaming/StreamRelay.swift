import Hummingbird
import NIOCore
import RouteModel

/// Relays an opened upstream SSE stream to the client through its ``StreamTranslator`` with
/// backpressure: each write waits for the client's socket, and the next upstream read waits
/// for that write.
///
/// After the first byte went out there is no fallback: a broken, stalled or truncated upstream
/// stream ends with an error event in the caller's format (the translator's), never with a
/// clean end.
struct StreamRelay: Sendable {
    let stream: UpstreamStream
    let target: String
    let completion: RequestCompletion

    func body(record: RequestRecord) -> ResponseBody {
        ResponseBody { [stream, target, completion] (writer: inout any ResponseBodyWriter) in
            var record = record
            let reader = stream.reader
            var translator = stream.translator
            defer {
                record.usage = translator.tokenUsage
                completion.finish(record)
            }
            do {
                try await writer.write(ByteBuffer(bytes: stream.opening))
                record.timeToFirstByte = record.duration
                record.bytesOut += stream.opening.count
                var failure: RouterError?
                while !translator.isFinished {
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
                    let events = chunk.map { translator.feed($0.readableBytesView) } ?? translator.finish()
                    if !events.isEmpty {
                        record.bytesOut += events.count
                        try await writer.write(ByteBuffer(bytes: events))
                    }
                }
                if let failure {
                    let descriptor = failure.descriptor
                    let type = record.inbound == .anthropic ? descriptor.anthropicType : descriptor.openAIType
                    let events = translator.fail(descriptor.message, type: type)
                    record.bytesOut += events.count
                    try await writer.write(ByteBuffer(bytes: events))
                    record.errorCode = failure.descriptor.code
                } else if let failure = translator.failure {
                    record.errorCode = failure.kind == .cut ? "upstream_stream_broken" : "upstream_stream_error"
                }
                // The upstream may still be sending (after an error event); stop it.
                reader.cancel()
                try await writer.finish(nil)
            } catch {
                // The client went away: dropping the upstream body cancels the upstream request.
                reader.cancel()
                record.errorCode = "client_disconnected"
            }
        }
    }
}
