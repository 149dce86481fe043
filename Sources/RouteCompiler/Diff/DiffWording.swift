/// How the routing diff writes names, shares, durations and lists.
enum DiffWording {
    /// A name as code: `fast`.
    static func code(_ name: String) -> String { "`\(name)`" }

    static func codes(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.map(code).joined(separator: ", ")
    }

    /// A chain in the order it is tried: `a` → `b`.
    static func chain(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.map(code).joined(separator: " → ")
    }

    /// A share of the weight total as a percentage with at most one decimal: 75%, 33.3%.
    static func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
    }

    /// Milliseconds in the largest unit that divides them, as `routes.yaml` writes durations.
    static func duration(_ milliseconds: Int) -> String {
        for (unit, factor) in [("h", 3_600_000), ("m", 60_000), ("s", 1000)] where milliseconds >= factor && milliseconds % factor == 0 {
            return "\(milliseconds / factor)\(unit)"
        }
        return "\(milliseconds)ms"
    }

    /// Bytes in the largest binary unit that divides them, as `routes.yaml` writes sizes.
    static func size(_ bytes: Int) -> String {
        for (unit, factor) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= factor && bytes % factor == 0 {
            return "\(bytes / factor)\(unit)"
        }
        return "\(bytes) bytes"
    }

    /// An optional limit: the number, or "unlimited".
    static func limit(_ value: Int?) -> String { value.map(String.init) ?? "unlimited" }

    /// "before → after" for a value that changed.
    static func change(_ before: String, _ after: String) -> String { "\(before) → \(after)" }

    /// Items of `after` not in `before` and the other way round, in their own order.
    static func addedAndRemoved<T: Hashable>(_ before: [T], _ after: [T]) -> (added: [T], removed: [T]) {
        let old = Set(before), new = Set(after)
        return (after.filter { !old.contains($0) }, before.filter { !new.contains($0) })
    }

    /// Pairs of (removed name, added name) whose values are equal and match no other: renames.
    static func renames<Value: Equatable>(removed: [String: Value], added: [String: Value]) -> [(old: String, new: String)] {
        var pairs: [(String, String)] = []
        for (oldName, value) in removed.sorted(by: { $0.key < $1.key }) {
            let matches = added.filter { $0.value == value }.map(\.key)
            let rivals = removed.filter { $0.value == value }.count
            if matches.count == 1, rivals == 1, let newName = matches.first { pairs.append((oldName, newName)) }
        }
        return pairs
    }
}
