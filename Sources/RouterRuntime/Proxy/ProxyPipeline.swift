import HTTPTypes
import Hummingbird
import NIOCore
import RouteModel

/// The attempt loop: tries the decision's targets in order until one answers in a way the
/// client should see, then turns that answer into the response.
///
/// Before the first byte reaches the client, a retryable failure moves on to the next attempt.
/// The combo engine (issue 5) adds key rotation, backoff and cooldowns inside this loop: each
/// iteration is one (target, key) attempt, and everything it needs is in the ``AttemptOutcome``.
struct ProxyPipeline: Sendable {
    let executor: AttemptExecutor
    let limits: RouterLimits
    let log: RequestLog

    func run(_ inbound: InboundRequest, attempts targets: [TargetSpec], record: RequestRecord) async -> Response {
        var record = record
        var lastFailure: RouterError = .internalFailure("no target to try")
        for target in targets.prefix(max(1, limits.maxAttempts)) {
            if Task.isCancelled { return fail(.clientClosedRequest, inbound: inbound, record: record) }
            record.target = target.name
            switch await executor.attempt(target, for: inbound) {
            case .reply(let reply, let attempt):
                record.attempts.append(attempt)
                return respond(reply, inbound: inbound, record: record)
            case .failure(let error, let attempt, let retryable):
                record.attempts.append(attempt)
                lastFailure = Task.isCancelled ? .clientClosedRequest : error
                if !retryable { return fail(lastFailure, inbound: inbound, record: record) }
            }
        }
        return fail(lastFailure, inbound: inbound, record: record)
    }

    private func respond(_ reply: UpstreamReply, inbound: InboundRequest, record: RequestRecord) -> Response {
        var record = record
        switch reply {
        case .complete(let status, let upstreamHeaders, let body):
            var headers = HeaderPolicy.clientHeaders(fromUpstream: upstreamHeaders)
            ResponseFactory.stamp(&headers, requestID: inbound.requestID, target: record.target, attempts: record.attempts)
            record.status = status
            record.bytesOut = body.readableBytes
            log.emit(record)
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: body))
        case .stream(let stream):
            var headers = HeaderPolicy.clientHeaders(fromUpstream: stream.headers)
            headers[.cacheControl] = "no-cache"
            ResponseFactory.stamp(&headers, requestID: inbound.requestID, target: record.target, attempts: record.attempts)
            record.status = stream.status
            record.stream = true
            let relay = StreamRelay(stream: stream, target: record.target ?? "-", callerFormat: inbound.format, log: log)
            return Response(status: .init(code: stream.status), headers: headers, body: relay.body(record: record))
        }
    }

    private func fail(_ error: RouterError, inbound: InboundRequest, record: RequestRecord) -> Response {
        var record = record
        let descriptor = error.descriptor
        record.status = descriptor.status
        record.errorCode = descriptor.code
        log.emit(record)
        return ResponseFactory.error(
            error, format: inbound.format, requestID: inbound.requestID, target: record.target, attempts: record.attempts
        )
    }
}
