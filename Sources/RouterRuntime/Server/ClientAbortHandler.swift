import NIOCore

/// Closes a connection whose client stopped sending (TCP FIN) so that the request in flight on
/// it is cancelled, upstream request included: nginx's default for proxied requests
/// (`proxy_ignore_client_abort off`). Hummingbird allows remote half-closure and reads nothing
/// while a handler runs, so without this a client that gave up would keep the upstream busy
/// until it answered.
///
/// It also keeps the connection's ``ConnectionWatch`` from the connection's start to its close,
/// which is what cancels the request's work (``ClientDisconnect``).
final class ClientAbortHandler: ChannelInboundHandler, RemovableChannelHandler {
    // Reads pass through untouched (the default channelRead never unwraps them), so the
    // request-part type need not be named here.
    typealias InboundIn = NIOAny
    typealias InboundOut = NIOAny

    private var watching = false

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startWatching(context.channel) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopWatching(context.channel)
    }

    func channelActive(context: ChannelHandlerContext) {
        startWatching(context.channel)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopWatching(context.channel)
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            context.close(promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func startWatching(_ channel: any Channel) {
        guard !watching else { return }
        watching = true
        ConnectionWatch.opened(channel)
    }

    private func stopWatching(_ channel: any Channel) {
        guard watching else { return }
        watching = false
        ConnectionWatch.closed(channel)
    }
}
