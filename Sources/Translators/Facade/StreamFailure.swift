/// Why a stream ended without its proper end, as a stream translator saw it: the runtime reads
/// the kind and the error type, never the message's words.
public struct StreamFailure: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The upstream sent an error event (or an OpenAI error chunk).
        case upstreamError
        /// The upstream ended, or was cut off mid-event, before the stream was complete.
        case cut
        /// An event larger than the parser's limit: the stream was stopped.
        case oversized
        /// The runtime ended the stream (a timeout, a broken connection): `fail(_:type:)`.
        case runtime
    }

    public let kind: Kind
    /// The error type in Anthropic's vocabulary (`overloaded_error`, `rate_limit_error`, ...).
    public let anthropicType: String
    public let message: String

    public init(_ kind: Kind, anthropicType: String = "api_error", message: String) {
        self.kind = kind
        self.anthropicType = anthropicType
        self.message = message
    }
}
