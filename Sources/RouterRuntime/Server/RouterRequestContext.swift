import Hummingbird
import NIOCore

/// The per-request context: Hummingbird's core storage plus the router's request id, made once
/// so that every response and log line of the request agree on it.
struct RouterRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let requestID: String
    /// The client's connection, watched so that its closing cancels the request's work.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        requestID = RequestIdentifier.next()
        channel = source.channel
    }
}
