/// A token bucket refilled continuously at `capacity` per minute. Requests take one token
/// before they start; tokens-per-minute limits charge after the response, so the level may go
/// below zero and the debt is paid back by refill before the next request is let in.
struct TokenBucket: Sendable, Equatable {
    let capacity: Double
    /// Tokens added per second.
    let refillRate: Double
    private(set) var level: Double
    private var updated: Duration

    init(perMinute: Int, now: Duration) {
        capacity = Double(max(1, perMinute))
        refillRate = capacity / 60
        level = capacity
        updated = now
    }

    mutating func refill(now: Duration) {
        let elapsed = Self.seconds(now - updated)
        guard elapsed > 0 else { return }
        level = min(capacity, level + elapsed * refillRate)
        updated = now
    }

    /// Whether `amount` tokens are available now (after refilling).
    mutating func hasTokens(_ amount: Double, now: Duration) -> Bool {
        refill(now: now)
        return level >= amount
    }

    /// Whole seconds until `amount` tokens will be available, at least 1.
    func secondsUntil(_ amount: Double) -> Int {
        let missing = amount - level
        guard missing > 0 else { return 1 }
        return max(1, Int((missing / refillRate).rounded(.up)))
    }

    /// Removes tokens; the level may become negative (a debt).
    mutating func take(_ amount: Double, now: Duration) {
        refill(now: now)
        level -= amount
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
