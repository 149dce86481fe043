import Hummingbird
import Logging
import RouteModel
import ServiceLifecycle

/// Assembles the relay: routes, middleware, the shared upstream client, on one address.
public enum RouterServer {
    /// The Hummingbird application serving `table`. Its services include the upstream HTTP
    /// client, which shuts down after the server has drained.
    public static func makeApplication(
        table: RouteTable, host: String, port: Int, environment: [String: String], logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let upstream = UpstreamHTTPClient(limits: table.limits)
        let state = RouterState(table: table, environment: environment, http: upstream.client, logger: logger)
        let router = makeRouter(state: state)
        return Application(
            router: router,
            server: .http1(configuration: .init(additionalChannelHandlers: [ClientAbortHandler()])),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            services: [upstream],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }

    static func makeRouter(state: RouterState) -> Router<RouterRequestContext> {
        let router = Router(context: RouterRequestContext.self)
        router.add(middleware: ErrorFormatMiddleware(log: state.log))
        let messages = RelayEndpoint(state: state, endpoint: .messages)
        let countTokens = RelayEndpoint(state: state, endpoint: .countTokens)
        let chat = RelayEndpoint(state: state, endpoint: .chatCompletions)
        let models = ModelsEndpoint(state: state)
        let health = HealthEndpoints(state: state)
        router.post("/v1/messages") { await messages.handle($0, context: $1) }
        router.post("/v1/messages/count_tokens") { await countTokens.handle($0, context: $1) }
        router.post("/v1/chat/completions") { await chat.handle($0, context: $1) }
        router.post("/chat/completions") { await chat.handle($0, context: $1) }
        router.get("/v1/models") { await models.handle($0, context: $1) }
        router.get("/healthz") { await health.health($0, context: $1) }
        router.get("/readyz") { await health.ready($0, context: $1) }
        return router
    }
}
