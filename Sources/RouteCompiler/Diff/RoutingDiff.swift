import RouteModel

/// What a routes edit changes about routing, computed from two tables (a pure function: no
/// files, no git), so that `route-compiler diff` and the router's routes preview say the same.
///
/// Comments, formatting, key order and the inputs digest are not routing: tables that route
/// alike give no changes, which the renderers print as "no routing change".
public enum RoutingDiff {
    /// The changes from `old` to `new`, grouped by section, in a stable order.
    ///
    /// - Parameter probeNames: candidate literal route keys (`"claude-sonnet-4-5": smart`). A
    ///   live table resolves exact names by a generated `switch` and cannot list them, so a
    ///   caller comparing against one names them, e.g. the other table's ``ResolvedTable/exactNames``.
    public static func between(old: RouteTable, new: RouteTable, probeNames: [String] = []) -> [RoutingChange] {
        let before = RoutingView(old, probeNames: probeNames)
        let after = RoutingView(new, probeNames: probeNames)
        var changes = ChangeList()
        NamesDiff.compare(before, after, into: &changes)
        CombosDiff.compare(before.combos, after.combos, into: &changes)
        ProvidersDiff.compare(before.providers, after.providers, into: &changes)
        ClientsDiff.compare(before.clients, after.clients, into: &changes)
        LimitsDiff.compare(before.limits, after.limits, into: &changes)
        return changes.sorted
    }

    /// The changes between two compiled files' tables; every literal route key of either side is compared.
    public static func between(old: ResolvedTable, new: ResolvedTable) -> [RoutingChange] {
        between(old: old.makeRouteTable(), new: new.makeRouteTable(), probeNames: probeNames(old, new))
    }

    /// The changes from a live table (the one the router runs) to a freshly compiled one.
    public static func between(old: RouteTable, new: ResolvedTable) -> [RoutingChange] {
        between(old: old, new: new.makeRouteTable(), probeNames: probeNames(new))
    }

    private static func probeNames(_ tables: ResolvedTable...) -> [String] {
        var seen = Set<String>()
        return tables.flatMap { $0.exactNames.map(\.name) }.filter { seen.insert($0).inserted }
    }
}

/// Changes collected section by section; kept in the order each section's diff found them.
struct ChangeList {
    private(set) var changes: [RoutingChange] = []

    mutating func add(_ section: RoutingChange.Section, _ kind: RoutingChange.Kind, _ subject: String, _ summary: String) {
        changes.append(RoutingChange(section: section, kind: kind, subject: subject, summary: summary))
    }

    /// Sections in their fixed order; inside a section, the order the diff found the changes.
    var sorted: [RoutingChange] {
        changes.enumerated().sorted { ($0.element.section, $0.offset) < ($1.element.section, $1.offset) }.map(\.element)
    }
}
