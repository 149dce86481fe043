import HTTPTypes
import Hummingbird
import NIOCore
import UsageLog

/// `GET /v1/usage?from=&to=&group_by=`: totals from the in-memory aggregate, which the usage
/// writer keeps current. Needs a client key when clients are configured; an admin client sees
/// every client's usage, any other client its own requests only.
struct UsageEndpoint: Sendable {
    let state: RouterState

    func handle(_ request: Request, context: RouterRequestContext) async -> Response {
        do throws(RouterError) {
            let identity = try state.authenticator.authenticate(request.headers)
            guard let usage = state.usage else {
                throw .internalFailure("the usage log is not open (the router runs without a data directory)")
            }
            let parameters = request.uri.queryParameters
            let query: UsageQuery
            do {
                query = try UsageQuery.parse(
                    from: parameters["from"].map(String.init), to: parameters["to"].map(String.init),
                    groupBy: parameters["group_by"].map(String.init), now: state.wallClock.nowMilliseconds()
                )
            } catch {
                throw .invalidRequest(error.description)
            }
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers[.requestID] = context.requestID
            let body = usage.aggregate.report(query, client: identity.usageScope).jsonBytes
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
        } catch {
            return ResponseFactory.error(error, format: .openai, requestID: context.requestID)
        }
    }
}

/// `GET /metrics`: the Prometheus text exposition. Like `/healthz` it needs no client key, so a
/// scraper can reach it; it carries counts and names, never keys or bodies.
struct MetricsEndpoint: Sendable {
    let state: RouterState

    func handle(_ request: Request, context: RouterRequestContext) async -> Response {
        state.metrics.cooldownsActive(state.cooldowns.coolingCount(now: .now))
        let body = state.metrics.exposition(usageWriter: state.usage?.writer)
        var headers = HTTPFields()
        headers[.contentType] = RouterMetrics.contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
