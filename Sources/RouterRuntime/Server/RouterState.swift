import AsyncHTTPClient
import Logging
import RouteModel

/// Everything the handlers share, built once at start from the compiled table and the
/// environment.
struct RouterState: Sendable {
    let table: RouteTable
    let decider: RouteDecider
    let credentials: ProviderCredentials
    let authenticator: ClientAuthenticator
    let pipeline: ProxyPipeline
    let log: RequestLog

    init(table: RouteTable, environment: [String: String], http: HTTPClient, logger: Logger) {
        self.table = table
        decider = RouteDecider(table: table)
        credentials = ProviderCredentials(table: table, environment: environment)
        authenticator = ClientAuthenticator(clients: table.clients)
        log = RequestLog(logger: logger)
        pipeline = ProxyPipeline(
            executor: AttemptExecutor(table: table, credentials: credentials, http: http), limits: table.limits, log: log
        )
    }

    /// Combos use their first member until the combo engine (issue 5) brings weighted picks.
    static func firstMember(_ combo: Int, _ spec: ComboSpec, _ features: RequestFeatures) -> Int { 0 }
}
