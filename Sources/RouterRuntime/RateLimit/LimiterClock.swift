/// The time source of the limiters: a monotonic reading since an arbitrary origin. Injected so
/// tests step time by hand instead of sleeping.
public struct LimiterClock: Sendable {
    public let now: @Sendable () -> Duration

    public init(now: @escaping @Sendable () -> Duration) {
        self.now = now
    }

    /// The process's continuous clock.
    public static var continuous: LimiterClock {
        let origin = ContinuousClock.now
        return LimiterClock { ContinuousClock.now - origin }
    }
}
