import RouteModel
import Synchronization

/// Per-provider caps on requests in flight (`max_concurrency` from the catalog or
/// `routes.yaml`). A provider at its cap is busy: the request path moves on to the next
/// candidate as it would after a 429, and answers 429 only when every candidate is busy.
public final class ProviderConcurrencyLimiter: Sendable {
    private let caps: [String: Int]
    private let inFlight: Mutex<[String: Int]>

    public init(providers: [ProviderSpec]) {
        var caps: [String: Int] = [:]
        for provider in providers { if let cap = provider.maxConcurrency { caps[provider.name] = cap } }
        self.caps = caps
        inFlight = Mutex([:])
    }

    /// Takes a slot of `provider`, or refuses when it is at its cap. Finish the permit when the
    /// upstream response is over.
    public func acquire(provider: String) -> Result<RateLimitPermit, RateLimitRejection> {
        guard let cap = caps[provider] else { return .success(.unlimited) }
        let admitted = inFlight.withLock { counts -> Bool in
            guard counts[provider, default: 0] < cap else { return false }
            counts[provider, default: 0] += 1
            return true
        }
        guard admitted else {
            return .failure(RateLimitRejection(limit: .providerConcurrency, configured: cap, retryAfterSeconds: 1, subject: provider))
        }
        return .success(RateLimitPermit { [self] _ in
            inFlight.withLock { $0[provider] = max(0, $0[provider, default: 0] - 1) }
        })
    }

    /// Requests in flight to `provider` now.
    public func inFlight(provider: String) -> Int {
        inFlight.withLock { $0[provider] ?? 0 }
    }
}
