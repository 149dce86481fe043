import RouteModel

/// The limit state of one client: pure logic over an explicit `now`, no locking.
struct ClientLimitState: Sendable {
    let name: String
    let maxConcurrent: Int?
    private(set) var inFlight = 0
    private var requests: TokenBucket?
    private var tokens: TokenBucket?
    private let requestsPerMinute: Int?
    private let tokensPerMinute: Int?

    init(_ spec: ClientSpec, now: Duration) {
        name = spec.name
        maxConcurrent = spec.maxConcurrent
        requestsPerMinute = spec.rpm
        tokensPerMinute = spec.tpm
        requests = spec.rpm.map { TokenBucket(perMinute: $0, now: now) }
        tokens = spec.tpm.map { TokenBucket(perMinute: $0, now: now) }
    }

    /// Admits a request (taking a request token and a concurrency slot) or says which limit
    /// refuses it. Nothing is taken when it is refused.
    mutating func admit(now: Duration) -> RateLimitRejection? {
        if let maxConcurrent, inFlight >= maxConcurrent {
            return RateLimitRejection(limit: .concurrentRequests, configured: maxConcurrent, retryAfterSeconds: 1, subject: name)
        }
        if var bucket = tokens, let tokensPerMinute {
            // Any debt from earlier responses must be paid back before the next request.
            let open = bucket.hasTokens(Double.ulpOfOne, now: now)
            tokens = bucket
            if !open {
                return RateLimitRejection(
                    limit: .tokensPerMinute, configured: tokensPerMinute,
                    retryAfterSeconds: bucket.secondsUntil(Double.ulpOfOne), subject: name
                )
            }
        }
        if var bucket = requests, let requestsPerMinute {
            let open = bucket.hasTokens(1, now: now)
            if !open {
                requests = bucket
                return RateLimitRejection(
                    limit: .requestsPerMinute, configured: requestsPerMinute,
                    retryAfterSeconds: bucket.secondsUntil(1), subject: name
                )
            }
            bucket.take(1, now: now)
            requests = bucket
        }
        inFlight += 1
        return nil
    }

    /// Ends a request: frees its slot and charges the tokens its response used.
    mutating func finish(tokensUsed: Int, now: Duration) {
        inFlight = max(0, inFlight - 1)
        charge(tokensUsed: tokensUsed, now: now)
    }

    mutating func charge(tokensUsed: Int, now: Duration) {
        guard tokensUsed > 0, var bucket = tokens else { return }
        bucket.take(Double(tokensUsed), now: now)
        tokens = bucket
    }
}
