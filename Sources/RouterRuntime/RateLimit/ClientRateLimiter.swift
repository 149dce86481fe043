import RouteModel
import Synchronization

/// Per-client limits from the compiled `clients`: requests per minute (token bucket), requests
/// in flight, and tokens per minute charged after each response. Clients without limits, and
/// names not in the table (the anonymous loopback caller), are never limited.
public final class ClientRateLimiter: Sendable {
    private let clock: LimiterClock
    private let states: Mutex<[String: ClientLimitState]>

    public init(clients: [ClientSpec], clock: LimiterClock = .continuous) {
        self.clock = clock
        let now = clock.now()
        var states: [String: ClientLimitState] = [:]
        for client in clients where client.rpm != nil || client.tpm != nil || client.maxConcurrent != nil {
            states[client.name] = ClientLimitState(client, now: now)
        }
        self.states = Mutex(states)
    }

    private enum Admission {
        case untracked
        case admitted
        case refused(RateLimitRejection)
    }

    /// Lets a request of `client` in, or says which limit refuses it and for how long.
    public func admit(client: String) -> Result<RateLimitPermit, RateLimitRejection> {
        let now = clock.now()
        let admission = states.withLock { states -> Admission in
            guard var state = states[client] else { return .untracked }
            let rejection = state.admit(now: now)
            states[client] = state
            return rejection.map(Admission.refused) ?? .admitted
        }
        switch admission {
        case .untracked:
            return .success(.unlimited)
        case .refused(let rejection):
            return .failure(rejection)
        case .admitted:
            return .success(RateLimitPermit { [self] tokensUsed in
                let now = clock.now()
                states.withLock { $0[client]?.finish(tokensUsed: tokensUsed, now: now) }
            })
        }
    }

    /// Charges tokens outside a permit (e.g. a response whose usage arrived after the permit
    /// ended).
    public func charge(client: String, tokensUsed: Int) {
        let now = clock.now()
        states.withLock { $0[client]?.charge(tokensUsed: tokensUsed, now: now) }
    }

    /// Requests of `client` in flight now (0 for unlimited clients, which are not tracked).
    public func inFlight(client: String) -> Int {
        states.withLock { $0[client]?.inFlight ?? 0 }
    }
}
