import AsyncHTTPClient
import Crypto
import Logging
import OAuth
import RouteModel
import UsageLog

/// Everything the handlers share, built once at start from the compiled table, the
/// environment and the data directory.
struct RouterState: Sendable {
    let table: RouteTable
    let decider: RouteDecider
    let credentials: ProviderCredentials
    let authenticator: ClientAuthenticator
    let selector: MemberSelector
    let cooldowns: CooldownBook
    let clientLimits: ClientRateLimiter
    let pipeline: ProxyPipeline
    let log: RequestLog
    let completion: RequestCompletion
    let metrics: RouterMetrics
    /// Who may reach the dashboard, `/v1/admin/…` and the OAuth login endpoints.
    let access: AdminAccess
    /// The last requests in memory, for the dashboard's Requests and Providers pages.
    let recent: RecentRequests
    /// The calendar time (usage `ts`, peak-hour prices, budget windows).
    let wallClock: WallClock
    /// Spend per budgeted client, charged on completion, asked as each request starts.
    let budgets: BudgetBook
    /// Per-target calibration of the input estimate, for `count_tokens` answered locally.
    let calibration: InputTokenCalibration
    /// Nil when the router runs without a data directory (in-process tests).
    let usage: UsageLog?
    let oauth: OAuthServices?

    init(
        table: RouteTable, environment: [String: String], http: HTTPClient, logger: Logger,
        usage: UsageLog? = nil, oauth: OAuthServices? = nil, sessions: SessionKeys? = nil, wallClock: WallClock = .system
    ) {
        self.table = table
        self.wallClock = wallClock
        budgets = BudgetBook(clients: table.clients, clock: wallClock)
        if let usage { budgets.rebuild(from: usage.aggregate) }
        decider = RouteDecider(table: table)
        credentials = ProviderCredentials(table: table, environment: environment)
        authenticator = ClientAuthenticator(clients: table.clients)
        access = AdminAccess(authenticator: authenticator, sessions: sessions ?? SessionKeys(key: .init(size: .bits256)))
        recent = RecentRequests()
        selector = MemberSelector(table: table)
        cooldowns = CooldownBook(policy: .init(
            threshold: table.limits.cooldownAfterFailures, cooldown: .milliseconds(table.limits.cooldownMS)
        ))
        clientLimits = ClientRateLimiter(clients: table.clients)
        log = RequestLog(logger: logger)
        metrics = RouterMetrics()
        self.usage = usage
        self.oauth = oauth
        calibration = InputTokenCalibration(targets: table.targets)
        completion = RequestCompletion(
            log: log, usage: usage?.writer, metrics: metrics, recent: recent, prices: PriceBook(table: table), budgets: budgets,
            calibration: calibration
        )
        pipeline = ProxyPipeline(
            executor: AttemptExecutor(table: table, credentials: credentials, http: http), table: table,
            credentials: credentials, cooldowns: cooldowns, concurrency: ProviderConcurrencyLimiter(providers: table.providers),
            oauth: oauth?.manager, completion: completion
        )
    }

    /// The decision for one request: rules, then the selector's pick among the members that can
    /// serve now (credentials present, not cooling down), sticky per session where asked.
    func decide(model: String, features: RequestFeatures) -> RouteDecision? {
        decider.decide(model: model, features: features) { [self] combo, spec, features in
            selector.choose(combo: combo, spec: spec, sessionID: features.sessionID) { member in
                let target = table.targets[spec.members[member].target]
                return canServe(target) && (!features.hasImage || VisionFilter.canSeeImages(target, in: table))
            }
        }
    }

    /// Whether a target has credentials and at least one key that is not cooling down.
    func canServe(_ target: TargetSpec) -> Bool {
        let entry = credentials.providers[target.provider]
        if case .oauth = entry.auth { return oauth?.manager.hasUsableAccount(entry.name) ?? false }
        guard entry.isUsable else { return false }
        let now = ContinuousClock.now
        return (0..<max(1, entry.keys.keys.count)).contains { slot in
            !cooldowns.isCooling(.init(provider: target.provider, model: target.model, key: slot), now: now)
        }
    }

    /// The fired rules as the log shows them: `smart.rules[0] keyword=ultrathink`, comma-joined.
    func ruleSummary(of decision: RouteDecision) -> String? {
        guard !decision.firedRules.isEmpty else { return nil }
        return decision.firedRules.map { fired in
            let name = "\(table.combos[fired.combo].name).rules[\(fired.rule)]"
            return fired.keyword.map { "\(name) keyword=\($0)" } ?? name
        }.joined(separator: ",")
    }

    /// The alias, combo or target name a decision went through (nil for a direct `provider/model`).
    func routeName(of decision: RouteDecision) -> String? {
        switch decision.resolution {
        case .exact(let ref), .route(_, let ref): table.name(of: ref)
        case .directTarget: nil
        }
    }
}
