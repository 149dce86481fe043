import AsyncHTTPClient
import Foundation
import Logging
import Synchronization

/// Hands out access tokens for OAuth providers, refreshing them before they expire.
///
/// Several accounts of one provider form a pool, used in turn. Refresh is single-flight per
/// account: however many requests find a token due, one refresh goes to the provider and all of
/// them get its result. A rotated refresh token is on disk before the new access token is used.
/// A refresh refused with `invalid_grant` marks the account needs-login and the pool moves on.
public actor TokenManager {
    private let store: TokenStore
    private let providers: [String: OAuthProvider]
    private let client: HTTPClient
    private let logger: Logger
    private var accounts: [AccountID: AccountRecord] = [:]
    private var inFlight: [AccountID: Task<AccountRecord, any Error>] = [:]
    private var nextIndex: [String: Int] = [:]
    /// When the store was last re-read on a miss; the first miss re-reads at once.
    private var lastReload: ContinuousClock.Instant?
    /// Problems found in the store at the last load, for diagnostics.
    public private(set) var storeProblems: [TokenStore.Problem] = []
    /// Providers with an account not marked needs-login, republished on every change, so that
    /// the request path can choose combo members without awaiting the actor.
    private let usableProviders = Mutex<Set<String>>([])

    public init(store: TokenStore, providers: [OAuthProvider], client: HTTPClient, logger: Logger = Logger(label: "oauth")) {
        self.store = store
        self.providers = Dictionary(providers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.client = client
        self.logger = logger
        let contents = store.loadAll()
        for record in contents.accounts { accounts[record.id] = record }
        storeProblems = contents.problems
        for problem in contents.problems {
            logger.warning("skipping unreadable OAuth token file", metadata: ["file": "\(problem.file)", "reason": "\(problem.reason)"])
        }
        usableProviders.withLock { $0 = Set(contents.accounts.filter { !$0.needsLogin }.map(\.provider)) }
    }

    /// Whether `provider` has an account that is not marked needs-login, as of the last change
    /// this manager saw (a login by another process shows after the next store read: `/readyz`,
    /// or a request that reaches the provider).
    public nonisolated func hasUsableAccount(_ provider: String) -> Bool {
        usableProviders.withLock { $0.contains(provider) }
    }

    private func publishUsable() {
        let usable = Set(accounts.values.filter { !$0.needsLogin }.map(\.provider))
        usableProviders.withLock { $0 = usable }
    }

    // MARK: the request path

    /// A valid access token of one of `provider`'s healthy accounts, refreshed first when due.
    public func accessToken(for provider: String) async throws(OAuthError) -> OAuthCredential {
        guard let config = providers[provider] else { throw .notConfigured(provider: provider) }
        var candidates = healthyAccounts(of: provider)
        if candidates.isEmpty {
            reloadIfStale()
            candidates = healthyAccounts(of: provider)
        }
        guard !candidates.isEmpty else {
            throw accounts.keys.contains(where: { $0.provider == provider }) ? .needsLogin(provider: provider) : .noAccount(provider: provider)
        }
        let start = nextIndex[provider, default: 0]
        nextIndex[provider] = start &+ 1
        let policy = RefreshPolicy(lead: config.refreshLead)
        var lastError = OAuthError.needsLogin(provider: provider)
        for offset in 0..<candidates.count {
            let id = candidates[(start + offset) % candidates.count]
            guard let record = accounts[id], !record.needsLogin else { continue }
            if !policy.isDue(record.tokens, now: Date()) { return OAuthCredential(record: record) }
            do throws(OAuthError) {
                return OAuthCredential(record: try await refreshed(id, config: config))
            } catch {
                lastError = error.requiresLogin ? .needsLogin(provider: provider) : error
                // A token that is due but not yet expired still works when the refresh
                // failed for a passing reason.
                if !error.requiresLogin, let current = accounts[id], !policy.isExpired(current.tokens, now: Date()) {
                    return OAuthCredential(record: current)
                }
            }
        }
        throw lastError
    }

    /// The provider answered 401 to `credential`: refresh that account once (unless someone
    /// already did) and return the token to retry with.
    public func reportUnauthorized(_ credential: OAuthCredential) async throws(OAuthError) -> OAuthCredential {
        let id = credential.account
        guard let config = providers[id.provider] else { throw .notConfigured(provider: id.provider) }
        guard let record = accounts[id] else { throw .noAccount(provider: id.provider) }
        if record.needsLogin { throw .needsLogin(provider: id.provider) }
        if record.tokens.accessToken != credential.accessToken, inFlight[id] == nil {
            return OAuthCredential(record: record)
        }
        return OAuthCredential(record: try await refreshed(id, config: config))
    }

    /// One refresh of `id`, shared by every caller that asks while it runs.
    private func refreshed(_ id: AccountID, config: OAuthProvider) async throws(OAuthError) -> AccountRecord {
        let task: Task<AccountRecord, any Error>
        let started: Bool
        if let running = inFlight[id] {
            task = running
            started = false
        } else {
            guard let record = accounts[id] else { throw .noAccount(provider: id.provider) }
            let endpoint = TokenEndpoint(client: client, provider: config)
            let store = self.store
            task = Task {
                var updated = record
                updated.tokens = try await endpoint.refresh(record.tokens)
                updated.updatedAt = Date()
                // Saved before anyone uses it: with rotating refresh tokens the old one is dead now.
                try store.save(updated)
                return updated
            }
            inFlight[id] = task
            started = true
        }
        let result = await task.result
        if started {
            inFlight[id] = nil
            settle(id, result: result)
        }
        switch result {
        case .success(let record): return record
        case .failure(let error): throw (error as? OAuthError) ?? .transport(endpoint: "token endpoint", reason: "\(type(of: error))")
        }
    }

    private func settle(_ id: AccountID, result: Result<AccountRecord, any Error>) {
        switch result {
        case .success(let record):
            accounts[id] = record
            publishUsable()
            logger.info("refreshed OAuth token", metadata: ["account": "\(id)"])
        case .failure(let error):
            let oauthError = error as? OAuthError
            logger.warning("OAuth refresh failed", metadata: ["account": "\(id)", "error": "\(oauthError.map { "\($0)" } ?? "\(type(of: error))")"])
            guard oauthError?.requiresLogin == true, var record = accounts[id] else { return }
            record.needsLogin = true
            record.updatedAt = Date()
            accounts[id] = record
            publishUsable()
            do throws(OAuthError) { try store.save(record) } catch {
                logger.error("could not mark OAuth account needs-login on disk", metadata: ["account": "\(id)", "error": "\(error)"])
            }
        }
    }

    // MARK: accounts

    /// Saves a freshly logged-in account (replacing any needs-login one of the same name).
    public func add(_ record: AccountRecord) throws(OAuthError) {
        try store.save(record)
        accounts[record.id] = record
        publishUsable()
    }

    /// Forgets an account and deletes its file; false when it did not exist.
    @discardableResult
    public func remove(_ id: AccountID) throws(OAuthError) -> Bool {
        let existed = accounts.removeValue(forKey: id) != nil
        publishUsable()
        return try store.delete(id) || existed
    }

    public func statuses() -> [AccountStatus] {
        accounts.values.sorted { ($0.provider, $0.account) < ($1.provider, $1.account) }.map { record in
            let state: AccountState = record.needsLogin ? .needsLogin : (inFlight[record.id] != nil ? .refreshing : .ok)
            let credential = OAuthCredential(record: record)
            return AccountStatus(id: record.id, state: state, expiresAt: record.tokens.expiresAt, apiBaseURL: credential.apiBaseURL)
        }
    }

    /// For `/readyz` and fallback decisions. A provider without a usable account re-reads the
    /// store first, so that a login by another process (`claude-router login`) shows at once;
    /// that read leaves the request path's once-a-second throttle alone.
    public func readiness(of provider: String) -> ProviderReadiness {
        if healthyAccounts(of: provider).isEmpty { mergeStore() }
        let mine = accounts.values.filter { $0.provider == provider }
        if mine.isEmpty { return .noAccount }
        return mine.contains(where: { !$0.needsLogin }) ? .ready : .needsLogin
    }

    /// Re-reads the store, taking accounts that another process (a `login`) wrote since.
    public func reload() {
        lastReload = .now
        mergeStore()
    }

    private func mergeStore() {
        let contents = store.loadAll()
        storeProblems = contents.problems
        for record in contents.accounts {
            if let known = accounts[record.id], known.updatedAt >= record.updatedAt { continue }
            accounts[record.id] = record
        }
        publishUsable()
    }

    /// At most once a second, so that requests to a provider nobody logged in to stay cheap.
    private func reloadIfStale() {
        if let lastReload, ContinuousClock.now - lastReload < .seconds(1) { return }
        reload()
    }

    private func healthyAccounts(of provider: String) -> [AccountID] {
        accounts.values.filter { $0.provider == provider && !$0.needsLogin }.map(\.id).sorted { $0.account < $1.account }
    }
}
