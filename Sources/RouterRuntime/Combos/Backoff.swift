/// Exponential backoff with full jitter between retries of one target, capped, never past the
/// request's remaining time.
public struct Backoff: Sendable {
    public let base: Duration
    public let cap: Duration

    public init(base: Duration, cap: Duration = .seconds(8)) {
        self.base = base
        self.cap = cap
    }

    /// The wait before retry number `retry` (0 for the first), for a draw in [0, 1).
    public func delay(retry: Int, draw: Double, remaining: Duration) -> Duration {
        let exponent = min(max(retry, 0), 20)
        let ceiling = min(cap, base * (1 << exponent))
        let jittered = ceiling * min(max(draw, 0), 1)
        return min(jittered, max(remaining, .zero))
    }
}
