import NIOCore

/// Closes a connection whose client stopped sending (TCP FIN) so that the request in flight on
/// it is cancelled, upstream request included: nginx's default for proxied requests
/// (`proxy_ignore_client_abort off`). Hummingbird allows remote half-closure and reads nothing
/// while a handler runs, so without this a client that gave up would keep the upstream busy
/// until it answered.
final class ClientAbortHandler: ChannelInboundHandler, RemovableChannelHandler {
    // Reads pass through untouched (the default channelRead never unwraps them), so the
    // request-part type need not be named here.
    typealias InboundIn = NIOAny
    typealias InboundOut = NIOAny

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            context.close(promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }
}
