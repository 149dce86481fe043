import Hummingbird
import NIOCore

/// The request context of the mock: Hummingbird's basics plus the connection's channel, which
/// the mock closes itself to imitate dropped connections and cut streams.
struct MockRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
