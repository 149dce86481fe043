import Synchronization

/// Request ids: `req_` + a per-process random prefix + a counter, unique within a run and
/// distinguishable across restarts.
enum RequestIdentifier {
    private static let prefix = String(UInt32.random(in: .min ... .max), radix: 16)
    private static let counter = Atomic<UInt64>(0)

    static func next() -> String {
        let value = counter.wrappingAdd(1, ordering: .relaxed).newValue
        return "req_\(prefix)\(String(value, radix: 16))"
    }
}
