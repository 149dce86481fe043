/// Routes and aliases: which inbound names now resolve to something else.
enum NamesDiff {
    static func compare(_ before: RoutingView, _ after: RoutingView, into changes: inout ChangeList) {
        compareNamed("alias", before.aliases, after.aliases, detectRenames: true, into: &changes)
        compareNamed("route", before.exactRoutes, after.exactRoutes, detectRenames: false, into: &changes)
        compareGlobs(before.globRoutes, after.globRoutes, into: &changes)
    }

    /// Names that each resolve to one other name (aliases, literal route keys).
    private static func compareNamed(
        _ noun: String, _ before: [String: String], _ after: [String: String], detectRenames: Bool,
        into changes: inout ChangeList
    ) {
        var removed = before.filter { after[$0.key] == nil }
        var added = after.filter { before[$0.key] == nil }
        if detectRenames {
            for (old, new) in DiffWording.renames(removed: removed, added: added) {
                changes.add(.names, .renamed, old, "\(noun) \(code(old)) renamed to \(code(new)) (still resolves to \(code(after[new] ?? "")))")
                removed[old] = nil
                added[new] = nil
            }
        }
        for (name, was) in removed.sorted(by: { $0.key < $1.key }) {
            changes.add(.names, .removed, name, "\(noun) \(code(name)) removed (resolved to \(code(was)))")
        }
        for (name, now) in added.sorted(by: { $0.key < $1.key }) {
            changes.add(.names, .added, name, "\(noun) \(code(name)) added: resolves to \(code(now))")
        }
        for (name, was) in before.sorted(by: { $0.key < $1.key }) {
            if let now = after[name], now != was {
                changes.add(.names, .changed, name, "\(noun) \(code(name)) now resolves to \(code(now)) (was \(code(was)))")
            }
        }
    }

    /// Glob routes: the first match wins, so their order is part of what they do.
    private static func compareGlobs(
        _ before: [(pattern: String, resolvesTo: String)], _ after: [(pattern: String, resolvesTo: String)],
        into changes: inout ChangeList
    ) {
        let old = Dictionary(before.map { ($0.pattern, $0.resolvesTo) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.map { ($0.pattern, $0.resolvesTo) }, uniquingKeysWith: { first, _ in first })
        for (position, route) in before.enumerated() where new[route.pattern] == nil {
            changes.add(.names, .removed, route.pattern, "route \(code(route.pattern)) removed (was #\(position + 1), resolved to \(code(route.resolvesTo)))")
        }
        for (position, route) in after.enumerated() where old[route.pattern] == nil {
            changes.add(.names, .added, route.pattern, "route \(code(route.pattern)) added as #\(position + 1): resolves to \(code(route.resolvesTo))")
        }
        for route in after {
            if let was = old[route.pattern], was != route.resolvesTo {
                changes.add(.names, .changed, route.pattern, "route \(code(route.pattern)) now resolves to \(code(route.resolvesTo)) (was \(code(was)))")
            }
        }
        let keptBefore = before.map(\.pattern).filter { new[$0] != nil }
        let keptAfter = after.map(\.pattern).filter { old[$0] != nil }
        if keptBefore != keptAfter {
            changes.add(
                .names, .reordered, "routes",
                "glob routes reordered (the first match wins): \(DiffWording.codes(keptAfter)) (was \(DiffWording.codes(keptBefore)))"
            )
        }
    }

    private static func code(_ name: String) -> String { DiffWording.code(name) }
}
