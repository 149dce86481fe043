import Hummingbird

/// The per-request context: Hummingbird's core storage plus the router's request id, made once
/// so that every response and log line of the request agree on it.
struct RouterRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let requestID: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        requestID = RequestIdentifier.next()
    }
}
