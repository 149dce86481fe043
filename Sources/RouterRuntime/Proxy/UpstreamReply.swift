import NIOCore
import NIOHTTP1

/// What an attempt that the client will see produced: a whole body, or a stream whose first
/// event has arrived and was not an error.
enum UpstreamReply: Sendable {
    case complete(status: Int, headers: HTTPHeaders, body: ByteBuffer)
    case stream(UpstreamStream)
}

/// An upstream SSE stream, opened: the whole events read so far, and the rest still to come.
struct UpstreamStream: Sendable {
    let status: Int
    let headers: HTTPHeaders
    /// Complete events already read (the first one at least), not yet sent to the client.
    let opening: ByteBuffer
    var reader: UpstreamBodyReader
    var framer: SSEFramer
}

/// The result of one attempt.
enum AttemptOutcome: Sendable {
    /// The client gets this answer (success, or a client error returned as is).
    case reply(UpstreamReply, AttemptRecord)
    /// The attempt failed; `retryable` says whether the next attempt may be tried.
    case failure(RouterError, AttemptRecord, retryable: Bool)
}
