import Hummingbird
import HummingbirdCore
import Logging
import OAuth
import RouteModel
import ServiceLifecycle
import UsageLog

/// Assembles the relay: routes, middleware, the shared upstream client, the usage writer and
/// the OAuth token manager, on one address.
public enum RouterServer {
    /// The Hummingbird application serving `table`. With a `dataDirectory` the usage log and the
    /// OAuth token store live under it; without one (in-process tests) neither is kept.
    /// `wallClock` is the calendar time of usage lines, peak-hour prices and budget windows.
    ///
    /// Its services include the upstream HTTP client and the usage writer, which shut down after
    /// the server has drained.
    public static func makeApplication(
        table: RouteTable, host: String, port: Int, environment: [String: String], logger: Logger,
        dataDirectory: String? = nil, wallClock: WallClock = .system,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        // Before the upstream client, which must not be dropped without a shutdown.
        let sessions = try SessionKeys.load(dataDirectory: dataDirectory)
        let upstream = UpstreamHTTPClient(limits: table.limits)
        var usage: UsageLog?
        var oauth: OAuthServices?
        if let dataDirectory {
            usage = try UsageLog.open(dataDirectory: dataDirectory, logger: logger)
            if table.providers.contains(where: { $0.oauth != nil }) {
                oauth = try OAuthServices(table: table, dataDirectory: dataDirectory, environment: environment, client: upstream.client, logger: logger)
            }
        }
        let state = RouterState(
            table: table, environment: environment, http: upstream.client, logger: logger, usage: usage, oauth: oauth, sessions: sessions,
            wallClock: wallClock
        )
        let router = makeRouter(state: state)
        // Services stop in reverse order: the writer drains after the server, the client last.
        var services: [any Service] = [upstream]
        if let usage { services.append(UsageWriterService(writer: usage.writer)) }
        return Application(
            router: router,
            server: .http1(configuration: http1Configuration(table.limits)),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            services: services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }

    /// The connection-level defences: client aborts end the request, slow or stalled clients
    /// are timed out, and the request head is bounded in size and header count.
    static func http1Configuration(_ limits: RouterLimits) -> HTTP1Channel.Configuration {
        HTTP1Channel.Configuration(
            additionalChannelHandlers: [
                ClientAbortHandler(),
                RequestReadTimeoutHandler(headTimeoutMS: limits.headerTimeoutMS, bodyTimeoutMS: limits.bodyTimeoutMS),
            ],
            httpDecoderConfiguration: .init(
                maxHeaderFieldSize: limits.maxHeaderBytes, maxHeaderListSize: limits.maxHeaderBytes,
                maxHeaderFieldCount: limits.maxHeaderCount
            )
        )
    }

    static func makeRouter(state: RouterState) -> Router<RouterRequestContext> {
        let router = Router(context: RouterRequestContext.self)
        router.add(middleware: ErrorFormatMiddleware(completion: state.completion))
        let messages = RelayEndpoint(state: state, endpoint: .messages)
        let countTokens = RelayEndpoint(state: state, endpoint: .countTokens)
        let chat = RelayEndpoint(state: state, endpoint: .chatCompletions)
        let models = ModelsEndpoint(state: state)
        let health = HealthEndpoints(state: state)
        let usage = UsageEndpoint(state: state)
        let metrics = MetricsEndpoint(state: state)
        router.post("/v1/messages") { await messages.handle($0, context: $1) }
        router.post("/v1/messages/count_tokens") { await countTokens.handle($0, context: $1) }
        router.post("/v1/chat/completions") { await chat.handle($0, context: $1) }
        router.post("/chat/completions") { await chat.handle($0, context: $1) }
        router.get("/v1/models") { await models.handle($0, context: $1) }
        router.get("/v1/usage") { await usage.handle($0, context: $1) }
        router.get("/metrics") { await metrics.handle($0, context: $1) }
        router.get("/healthz") { await health.health($0, context: $1) }
        router.get("/readyz") { await health.ready($0, context: $1) }
        DashboardRoutes.add(to: router, state: state)
        if let oauth = state.oauth {
            // The callback is where a browser lands: no client key. Starting a login or listing
            // accounts is the operator's business: an admin client's key or dashboard session.
            let guarded = router.group().add(middleware: AdminGuardMiddleware(access: state.access))
            addOAuthRoutes(callback: router, api: guarded, handlers: oauth.endpoints)
        }
        return router
    }
}
