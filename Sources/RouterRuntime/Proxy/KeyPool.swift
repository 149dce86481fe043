import RouteModel
import Synchronization

/// The API keys of one provider, read from the environment once at start, handed out
/// round-robin so that load spreads over the pool.
final class KeyPool: Sendable {
    /// Keys in rotation order (only the variables that were set and non-empty).
    let keys: [String]
    /// Environment variable names that were expected but unset or empty.
    let missingEnv: [String]
    private let cursor = Atomic<Int>(0)

    init(provider: ProviderSpec, environment: [String: String]) {
        keys = provider.keyEnv.compactMap { ProviderSpec.keyValue($0, in: environment) }
        missingEnv = provider.missingKeyEnv(in: environment)
    }

    /// The position of the next key in rotation (0 for an empty pool).
    func nextSlot() -> Int {
        guard keys.count > 1 else { return 0 }
        let turn = cursor.wrappingAdd(1, ordering: .relaxed).oldValue
        return Int(UInt(bitPattern: turn) % UInt(keys.count))
    }
}
