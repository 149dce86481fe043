import HTTPTypes
import NIOCore
import RouteModel
import Translators

/// An authenticated, parsed inbound request: what every attempt is built from.
struct InboundRequest: Sendable {
    let endpoint: InboundEndpoint
    let requestID: String
    let identity: ClientAuthenticator.Identity
    let headers: HTTPFields
    /// The query string as sent (`beta=true`), without the `?`.
    let query: String?
    /// The body exactly as the client sent it.
    let body: [UInt8]
    let model: String
    let stream: Bool
    let features: RequestFeatures
    /// The parsed body, which the translators reuse instead of parsing it again per attempt.
    let peek: RequestPeek

    var format: WireProtocol { endpoint.format }
}
