import OAuth
import RouteModel
import UsageLog

/// One provider as the Providers page and `GET /v1/admin/providers` show it: each credential
/// (by variable name or OAuth account, never its value) with its state, requests in flight
/// against `max_concurrency`, the last failed attempt, and the last hour's traffic.
struct ProviderStatus: Sendable {
    struct Credential: Sendable {
        enum State: String, Sendable {
            case ready, missing, cooling
            case needsLogin = "needs login"
            case refreshing
            case noAuth = "no auth"
        }

        /// The environment variable or `oauth:account`.
        let name: String
        let state: State
        /// Seconds until the cooldown ends, for `cooling`.
        let coolingSeconds: Int?
        /// The models cooling on this key when only some are (nil: the whole key).
        let coolingModels: [String]
        let isOAuthAccount: Bool
    }

    let name: String
    let wireProtocol: String
    let auth: String
    let credentials: [Credential]
    let inFlight: Int
    let maxConcurrency: Int?
    let lastError: RecentRequests.ProviderError?
    let lastHourRequests: Int
    let lastHourErrors: Int
    let oauth: Bool

    /// The statuses of every provider, in table order.
    static func all(state: RouterState, now: ContinuousClock.Instant = .now) async -> [ProviderStatus] {
        let cooling = state.cooldowns.coolingEntries(now: now)
        let accounts = await state.oauth?.manager.statuses() ?? []
        var lastHour: [String: (Int, Int)] = [:]
        if let aggregate = state.usage?.aggregate {
            let end = UTCTime.nowMilliseconds()
            for group in aggregate.report(UsageQuery(from: end - UTCTime.millisecondsPerHour, to: end, groupBy: .target)).groups {
                let provider = group.key.split(separator: "/", maxSplits: 1).first.map(String.init) ?? group.key
                let previous = lastHour[provider] ?? (0, 0)
                lastHour[provider] = (previous.0 + group.counters.requests, previous.1 + group.counters.errors)
            }
        }
        return state.table.providers.enumerated().map { index, spec in
            let entry = state.credentials.providers[index]
            var credentials: [Credential] = []
            func coolingState(slot: Int) -> (seconds: Int, models: [String])? {
                let mine = cooling.filter { $0.key.provider == index && $0.key.key == slot }
                guard let latest = mine.map(\.until).max() else { return nil }
                let models = mine.contains { $0.key.model == nil } ? [] : mine.compactMap(\.key.model).sorted()
                return (seconds(until: latest, now: now), models)
            }
            switch spec.auth {
            case .none:
                credentials.append(Credential(name: "no key", state: .noAuth, coolingSeconds: nil, coolingModels: [], isOAuthAccount: false))
            case .xApiKey, .bearer:
                let present = spec.keyEnv.filter { !entry.keys.missingEnv.contains($0) }
                for (slot, variable) in present.enumerated() {
                    if let cool = coolingState(slot: slot) {
                        credentials.append(Credential(name: variable, state: .cooling, coolingSeconds: cool.seconds, coolingModels: cool.models, isOAuthAccount: false))
                    } else {
                        credentials.append(Credential(name: variable, state: .ready, coolingSeconds: nil, coolingModels: [], isOAuthAccount: false))
                    }
                }
                for variable in entry.keys.missingEnv {
                    credentials.append(Credential(name: variable, state: .missing, coolingSeconds: nil, coolingModels: [], isOAuthAccount: false))
                }
            case .oauth:
                for account in accounts where account.id.provider == spec.name {
                    let cool = coolingState(slot: 0)
                    let stateOfAccount: Credential.State = switch account.state {
                    case .needsLogin: .needsLogin
                    case .refreshing: .refreshing
                    case .ok: cool == nil ? .ready : .cooling
                    }
                    credentials.append(Credential(
                        name: account.id.account, state: stateOfAccount, coolingSeconds: stateOfAccount == .cooling ? cool?.seconds : nil,
                        coolingModels: cool?.models ?? [], isOAuthAccount: true
                    ))
                }
                if credentials.isEmpty {
                    credentials.append(Credential(name: "no account", state: .needsLogin, coolingSeconds: nil, coolingModels: [], isOAuthAccount: false))
                }
            }
            let traffic = lastHour[spec.name] ?? (0, 0)
            return ProviderStatus(
                name: spec.name, wireProtocol: spec.wireProtocol.rawValue, auth: authName(spec.auth), credentials: credentials,
                inFlight: state.pipeline.concurrency.inFlight(provider: spec.name), maxConcurrency: spec.maxConcurrency,
                lastError: state.recent.lastError(provider: spec.name), lastHourRequests: traffic.0, lastHourErrors: traffic.1,
                oauth: spec.auth == .oauth
            )
        }
    }

    private static func authName(_ auth: AuthStyle) -> String {
        switch auth {
        case .none: "none"
        case .xApiKey: "x-api-key"
        case .bearer: "bearer"
        case .oauth: "oauth"
        }
    }

    private static func seconds(until: ContinuousClock.Instant, now: ContinuousClock.Instant) -> Int {
        let (seconds, attoseconds) = (until - now).components
        return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }

    var json: String {
        func optional(_ value: Int?) -> String { value.map(String.init) ?? "null" }
        let credentials = credentials.map { credential in
            "{\"name\":\(JSONText.quote(credential.name)),\"kind\":\(JSONText.quote(credential.isOAuthAccount ? "oauth_account" : "env"))"
                + ",\"state\":\(JSONText.quote(credential.state.rawValue)),\"cooling_seconds\":\(optional(credential.coolingSeconds))"
                + ",\"cooling_models\":[\(credential.coolingModels.map(JSONText.quote).joined(separator: ","))]}"
        }.joined(separator: ",")
        let lastError = lastError.map {
            "{\"class\":\(JSONText.quote($0.errorClass)),\"status\":\($0.status),\"at\":\(JSONText.quote(UTCTime(epochMilliseconds: $0.timestampMilliseconds).iso8601))}"
        } ?? "null"
        return "{\"provider\":\(JSONText.quote(name)),\"protocol\":\(JSONText.quote(wireProtocol)),\"auth\":\(JSONText.quote(auth))"
            + ",\"credentials\":[\(credentials)],\"in_flight\":\(inFlight),\"max_concurrency\":\(optional(maxConcurrency))"
            + ",\"last_error\":\(lastError),\"last_hour\":{\"requests\":\(lastHourRequests),\"errors\":\(lastHourErrors)}}"
    }
}
