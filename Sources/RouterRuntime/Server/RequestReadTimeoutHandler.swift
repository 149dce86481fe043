import NIOCore
import NIOHTTPTypes

/// The slowloris defence: bounds how long a client may take to send a request.
///
/// - From the moment a connection opens, or its previous response ends, the complete request
///   head must arrive within `headTimeout`; otherwise the connection is closed (there is no
///   request yet whose caller format an answer could use).
/// - While a body is being read, each stretch without a new body part may last `bodyTimeout`;
///   then the body read fails with ``RequestBodyTimeout``, which the relay answers with a 408 in
///   the caller's format before the connection closes.
///
/// Timers are NIO scheduled tasks on the connection's event loop, cancelled as parts arrive:
/// nothing outlives the connection (no `Task.sleep` races, see SWIFT-NOTES).
final class RequestReadTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let headTimeout: TimeAmount
    private let bodyTimeout: TimeAmount
    private var timer: Scheduled<Void>?
    private var readingBody = false
    /// Requests whose response has not ended (more than one when a client pipelines).
    private var unanswered = 0

    init(headTimeoutMS: Int, bodyTimeoutMS: Int) {
        headTimeout = .milliseconds(Int64(max(1, headTimeoutMS)))
        bodyTimeout = .milliseconds(Int64(max(1, bodyTimeoutMS)))
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { armHeadTimer(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
    }

    func channelActive(context: ChannelHandlerContext) {
        if timer == nil { armHeadTimer(context) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            readingBody = true
            unanswered += 1
            armBodyTimer(context)
        case .body:
            if readingBody { armBodyTimer(context) }
        case .end:
            readingBody = false
            cancelTimer()
            if unanswered == 0 { armHeadTimer(context) }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unanswered = max(0, unanswered - 1)
            // A response that ends before its request (an early refusal) leaves the body timer
            // running: Hummingbird drains the rest of the body before the next request. A
            // pipelined request still being answered keeps the connection untimed.
            if !readingBody, unanswered == 0 { armHeadTimer(context) }
        }
        context.write(data, promise: promise)
    }

    private func armHeadTimer(_ context: ChannelHandlerContext) {
        cancelTimer()
        timer = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(in: headTimeout) {
            context.close(promise: nil)
        }
    }

    private func armBodyTimer(_ context: ChannelHandlerContext) {
        cancelTimer()
        timer = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(in: bodyTimeout) { [self] in
            timer = nil
            readingBody = false
            // The body read fails; the relay answers 408 and the connection then closes. Should
            // nobody answer, the head timer closes it.
            context.fireErrorCaught(RequestBodyTimeout(afterMS: bodyTimeout.nanoseconds / 1_000_000))
            armHeadTimer(context)
        }
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
    }
}

/// A request body stalled longer than `limits.body_timeout`.
struct RequestBodyTimeout: Error, Sendable {
    let afterMS: Int64
}
