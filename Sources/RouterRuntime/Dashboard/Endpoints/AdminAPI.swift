import HTTPTypes
import Hummingbird
import NIOCore
import OAuth
import UsageLog

/// The JSON behind each dashboard page, under `/v1/admin/` (behind the admin guard), so that
/// everything the UI shows is scriptable.
struct AdminAPI: Sendable {
    let state: RouterState

    /// `GET /v1/admin/overview?range=1h|24h|7d|30d|custom&from=&to=`.
    func overview(_ request: Request, context: RouterRequestContext) -> Response {
        let parameters = request.uri.queryParameters
        do throws(UsageQueryError) {
            let range = try OverviewRange.parse(
                range: parameters["range"].map(String.init), from: parameters["from"].map(String.init), to: parameters["to"].map(String.init)
            )
            let started = ContinuousClock.now
            var response = DashboardResponse.json(Overview.build(aggregate: state.usage?.aggregate ?? UsageAggregate(), range: range).json)
            response.headers[.serverTiming] = DashboardResponse.serverTiming(since: started)
            return response
        } catch {
            return ResponseFactory.error(.invalidRequest(error.description), format: .openai, requestID: context.requestID)
        }
    }

    /// `GET /v1/admin/requests?limit=&client=&model=&target=&status=&stream=`: newest first.
    func requests(_ request: Request) -> Response {
        let parameters = request.uri.queryParameters
        let filter = RequestFilter { parameters.get($0) }
        let limit = min(max(parameters["limit"].flatMap { Int($0) } ?? 100, 1), state.recent.capacity)
        let items = state.recent.newest(limit: limit, matching: filter.matches).map(\.json)
        // `stream_subscribers`: dashboards watching the live stream now (each one is cleaned up
        // when its connection closes).
        return DashboardResponse.json(
            "{\"stream_subscribers\":\(state.recent.subscriberCount),\"requests\":[" + items.joined(separator: ",") + "]}"
        )
    }

    func request(id: String, context: RouterRequestContext) -> Response {
        guard let summary = state.recent.find(requestID: id) else {
            return ResponseFactory.error(.invalidRequest("no request '\(id)' among the last \(state.recent.capacity) in memory"), format: .openai, requestID: context.requestID)
        }
        return DashboardResponse.json(summary.json)
    }

    /// `GET /v1/admin/requests/stream`: server-sent events, one `request` event per finished
    /// request (the filters of `/v1/admin/requests` apply). The subscription ends when the
    /// client goes away, so nothing outlives the connection.
    func stream(_ request: Request, context: RouterRequestContext) -> Response {
        let parameters = request.uri.queryParameters
        let filter = RequestFilter { parameters.get($0) }
        let events = state.recent.subscribe()
        let channel = context.channel
        var headers = DashboardResponse.securityHeaders()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: ResponseBody { (writer: inout any ResponseBodyWriter) in
            try await writer.write(ByteBuffer(string: ": connected\nretry: 1000\n\n"))
            await ClientDisconnect.cancelling(whenClosed: channel) {
                for await summary in events where filter.matches(summary) {
                    do {
                        try await writer.write(ByteBuffer(string: "event: request\ndata: " + summary.json + "\n\n"))
                    } catch {
                        break
                    }
                }
            }
            try await writer.finish(nil)
        })
    }

    func providers() async -> Response {
        let statuses = await ProviderStatus.all(state: state)
        return DashboardResponse.json("{\"providers\":[" + statuses.map(\.json).joined(separator: ",") + "]}")
    }

    /// `POST /v1/admin/route` with `{"model","text","image","thinking","tools","input_tokens"}`
    /// (or the same as a form): the playground's decision.
    func route(_ request: Request, context: RouterRequestContext) async -> Response {
        do throws(RouterError) {
            let fields = try await DashboardRoutes.fields(request, limit: 256 * 1024)
            let playground = Playground(fields: fields)
            guard !playground.model.isEmpty else { throw .invalidRequest("model is required") }
            return DashboardResponse.json(playground.json(state: state))
        } catch {
            return ResponseFactory.error(error, format: .openai, requestID: context.requestID)
        }
    }

    /// `POST /v1/admin/routes/preview` with a routes.yaml as the body (`text/yaml` or any text),
    /// or `{"routes": "…"}`, or a form field `routes`.
    func preview(_ request: Request, context: RouterRequestContext) async -> Response {
        do throws(RouterError) {
            let contentType = request.headers[.contentType] ?? ""
            let yaml: String
            if contentType.hasPrefix("application/json") || contentType.hasPrefix("application/x-www-form-urlencoded") {
                yaml = try await DashboardRoutes.fields(request, limit: RoutesPreview.maxBytes)["routes"] ?? ""
            } else {
                yaml = String(decoding: try await BodyReader.read(request, limit: RoutesPreview.maxBytes), as: UTF8.self)
            }
            return DashboardResponse.json(RoutesPreview.run(yaml: yaml, running: state.table).json)
        } catch {
            return ResponseFactory.error(error, format: .openai, requestID: context.requestID)
        }
    }

    /// `POST /v1/admin/oauth/{provider}/{account}/logout`: removes the account's tokens.
    func logout(provider: String, account: String, context: RouterRequestContext) async -> Response {
        guard let manager = state.oauth?.manager else {
            return ResponseFactory.error(.noSuchEndpoint(method: "POST", path: "/v1/admin/oauth/…/logout (no OAuth provider)"), format: .openai, requestID: context.requestID)
        }
        do {
            let removed = try await manager.remove(AccountID(provider: provider, account: account))
            return DashboardResponse.json("{\"provider\":\(JSONText.quote(provider)),\"account\":\(JSONText.quote(account)),\"removed\":\(removed)}")
        } catch {
            return ResponseFactory.error(.internalFailure("could not remove the account: \(error)"), format: .openai, requestID: context.requestID)
        }
    }
}
