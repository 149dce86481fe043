import Synchronization

/// Which (provider, model, key) may be tried now. After `threshold` consecutive failures an
/// entry cools down for the policy's cooldown or the upstream's Retry-After, whichever is later
/// (re-cooling keeps the later deadline). When it expires, one request probes it (half-open);
/// the probe's success clears the entry, its failure cools it again.
public final class CooldownBook: Sendable {
    /// What is cooled: a model on one key of a provider, or (model nil) the key for every model,
    /// as after a 401/403.
    public struct Key: Hashable, Sendable {
        public let provider: Int
        public let model: String?
        public let key: Int

        public init(provider: Int, model: String?, key: Int) {
            self.provider = provider
            self.model = model
            self.key = key
        }
    }

    public struct Policy: Sendable {
        public let threshold: Int
        public let cooldown: Duration

        public init(threshold: Int, cooldown: Duration) {
            self.threshold = max(threshold, 1)
            self.cooldown = cooldown
        }
    }

    public enum Admission: Equatable, Sendable {
        case available
        /// The cooldown is over and this caller is the one request that probes it.
        case probe
        case cooling(until: ContinuousClock.Instant)
    }

    private struct Entry {
        var failures = 0
        var coolingUntil: ContinuousClock.Instant?
        var probeStarted: ContinuousClock.Instant?
    }

    private let policy: Policy
    private let entries = Mutex<[Key: Entry]>([:])

    public init(policy: Policy) {
        self.policy = policy
    }

    /// Whether `key` may be tried at `now`; the model-wide key entry is consulted too.
    public func admit(_ key: Key, now: ContinuousClock.Instant) -> Admission {
        entries.withLock { entries in
            let keys = key.model == nil ? [key] : [key, Key(provider: key.provider, model: nil, key: key.key)]
            var expired: [Key] = []
            for entryKey in keys {
                guard let entry = entries[entryKey], let until = entry.coolingUntil else { continue }
                if now < until { return .cooling(until: until) }
                // Half-open: one probe at a time; a probe that never reported (cancelled) is
                // replaced after another cooldown.
                if let started = entry.probeStarted, now < started + policy.cooldown {
                    return .cooling(until: started + policy.cooldown)
                }
                expired.append(entryKey)
            }
            for entryKey in expired { entries[entryKey]?.probeStarted = now }
            return expired.isEmpty ? .available : .probe
        }
    }

    /// Whether `key` (or its key-wide entry) is cooling at `now`, without starting a probe.
    public func isCooling(_ key: Key, now: ContinuousClock.Instant) -> Bool {
        entries.withLock { entries in
            let keys = key.model == nil ? [key] : [key, Key(provider: key.provider, model: nil, key: key.key)]
            return keys.contains { entries[$0]?.coolingUntil.map { now < $0 } ?? false }
        }
    }

    public func recordSuccess(_ key: Key) {
        entries.withLock { entries in
            entries[key] = nil
            if key.model != nil { entries[Key(provider: key.provider, model: nil, key: key.key)] = nil }
        }
    }

    /// Counts a failure; cools the entry once the threshold is reached, or at once when the
    /// failure was a probe or came with a Retry-After.
    public func recordFailure(_ key: Key, retryAfter: Duration?, now: ContinuousClock.Instant) {
        entries.withLock { entries in
            var entry = entries[key] ?? Entry()
            entry.failures += 1
            let wasProbe = entry.probeStarted != nil
            entry.probeStarted = nil
            if entry.failures >= policy.threshold || wasProbe || retryAfter != nil {
                let wait = max(policy.cooldown, retryAfter ?? .zero)
                let until = now + wait
                entry.coolingUntil = max(entry.coolingUntil ?? until, until)
            }
            entries[key] = entry
        }
    }

    /// The soonest time any of `keys` stops cooling, for an "everything is cooling" answer.
    public func earliestClear(of keys: [Key], now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        entries.withLock { entries in
            keys.compactMap { key -> ContinuousClock.Instant? in
                guard let until = entries[key]?.coolingUntil, until > now else { return nil }
                return until
            }.min()
        }
    }

    /// Every entry cooling at `now` with the instant it clears (for the dashboard).
    public func coolingEntries(now: ContinuousClock.Instant) -> [(key: Key, until: ContinuousClock.Instant)] {
        entries.withLock { entries in
            entries.compactMap { key, entry in entry.coolingUntil.flatMap { $0 > now ? (key, $0) : nil } }
        }
    }

    /// How many entries are cooling at `now` (for /metrics).
    public func coolingCount(now: ContinuousClock.Instant) -> Int {
        entries.withLock { entries in entries.values.filter { ($0.coolingUntil ?? now) > now }.count }
    }
}
