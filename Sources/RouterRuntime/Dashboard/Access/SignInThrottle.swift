import Synchronization

/// Limits wrong keys on the sign-in form: at most `maxFailures` per address in a sliding
/// `window`, after which that address waits until its oldest failure leaves the window. The
/// table keeps at most `maxAddresses` entries (oldest dropped), so it cannot grow without bound.
final class SignInThrottle: Sendable {
    let maxFailures: Int
    let windowSeconds: Int
    private let maxAddresses = 1024
    private let failures = Mutex<[String: [Int64]]>([:])

    init(maxFailures: Int = 5, windowSeconds: Int = 60) {
        self.maxFailures = maxFailures
        self.windowSeconds = windowSeconds
    }

    /// Seconds `address` must wait before trying again; nil when it may try now.
    func waitSeconds(for address: String, nowSeconds: Int64) -> Int? {
        failures.withLock { table in
            let recent = (table[address] ?? []).filter { $0 > nowSeconds - Int64(windowSeconds) }
            table[address] = recent.isEmpty ? nil : recent
            guard recent.count >= maxFailures, let oldest = recent.first else { return nil }
            return max(1, Int(oldest + Int64(windowSeconds) - nowSeconds))
        }
    }

    func recordFailure(of address: String, nowSeconds: Int64) {
        failures.withLock { table in
            if table[address] == nil, table.count >= maxAddresses {
                let stalest = table.min { ($0.value.last ?? 0) < ($1.value.last ?? 0) }?.key
                if let stalest { table[stalest] = nil }
            }
            var recent = (table[address] ?? []).filter { $0 > nowSeconds - Int64(windowSeconds) }
            recent.append(nowSeconds)
            table[address] = Array(recent.suffix(maxFailures))
        }
    }

    func recordSuccess(of address: String) {
        failures.withLock { $0[address] = nil }
    }
}
