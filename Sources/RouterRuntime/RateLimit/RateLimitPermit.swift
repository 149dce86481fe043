import Synchronization

/// A request let in by a limiter. Call ``finish(tokensUsed:)`` when the response (stream
/// included) is over; the slot is also freed if the permit is dropped unfinished, so an early
/// return or a thrown error never leaks concurrency.
public final class RateLimitPermit: Sendable {
    private let release: @Sendable (Int) -> Void
    private let released = Atomic<Bool>(false)

    init(release: @escaping @Sendable (Int) -> Void) {
        self.release = release
    }

    /// A permit that limits nothing (no client limits, or no cap for the provider).
    public static let unlimited = RateLimitPermit { _ in }

    /// Frees the slot and charges `tokensUsed` (input + output) to the tokens-per-minute limit.
    /// Only the first call counts.
    public func finish(tokensUsed: Int = 0) {
        guard !released.exchange(true, ordering: .acquiringAndReleasing) else { return }
        release(tokensUsed)
    }

    deinit {
        if !released.load(ordering: .acquiring) { release(0) }
    }
}
