import NIOCore
import NIOHTTP1
import Translators

/// What an attempt that the client will see produced: a whole body already in the client's
/// format, or a stream whose opening events (up to the first content) arrived without error.
enum UpstreamReply: Sendable {
    case complete(status: Int, headers: HTTPHeaders, body: ByteBuffer, usage: TokenUsage?)
    case stream(UpstreamStream)
}

/// An upstream SSE stream, opened: what the translator made of the events read so far, and
/// the rest still to come.
struct UpstreamStream: Sendable {
    let status: Int
    let headers: HTTPHeaders
    /// Client-format bytes made from the opening events, not yet sent.
    let opening: [UInt8]
    var reader: UpstreamBodyReader
    var translator: StreamTranslator
}

/// The result of one attempt.
enum AttemptOutcome: Sendable {
    /// The client gets this answer.
    case reply(UpstreamReply, AttemptRecord)
    case failure(AttemptFailure)
}

/// A failed attempt and what the attempt loop does about it.
struct AttemptFailure: Sendable {
    /// What failed, by which part of the (provider, model, key) triple cooldowns should count it.
    enum Scope: Sendable, Equatable {
        /// The key was refused (401/403): cool the key for every model, try the pool's next key.
        case key
        /// Rate limited (429): cool this model on this key, try the pool's next key.
        case keyAndModel
        /// The provider or model failed (5xx, timeout, unreachable, bad stream): cool this model
        /// on this key, move on to the next target.
        case target
        /// Nothing to count (no credentials, a local cap): move on to the next target.
        case none
    }

    let error: RouterError
    let record: AttemptRecord
    /// Whether another attempt may be tried (false for the client's own errors).
    let retryable: Bool
    var scope: Scope = .target
    /// The upstream's `Retry-After`.
    var retryAfter: Duration?

    /// Whether the pool's next key may succeed where this one failed.
    var nextKeyMayHelp: Bool { scope == .key || scope == .keyAndModel }
}

extension AttemptFailure {
    /// A failure the router saw itself (no upstream status): the attempt is recorded with the
    /// status the error maps to. (In an extension, so that the memberwise init stays.)
    init(_ error: RouterError, target: String, retryable: Bool = true, scope: Scope = .target) {
        self.init(error: error, record: AttemptRecord(target: target, status: error.descriptor.status), retryable: retryable, scope: scope)
    }
}
