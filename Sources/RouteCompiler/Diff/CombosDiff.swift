/// Combos: members as shares of the weight total, rules, fallback chains, stickiness.
enum CombosDiff {
    typealias Combo = RoutingView.ComboView

    static func compare(_ before: [String: Combo], _ after: [String: Combo], into changes: inout ChangeList) {
        var removed = before.filter { after[$0.key] == nil }
        var added = after.filter { before[$0.key] == nil }
        for (old, new) in DiffWording.renames(removed: removed, added: added) {
            changes.add(.combos, .renamed, old, "combo \(code(old)) renamed to \(code(new)) (members, rules and fallback unchanged)")
            removed[old] = nil
            added[new] = nil
        }
        for name in removed.keys.sorted() {
            changes.add(.combos, .removed, name, "combo \(code(name)) removed")
        }
        for (name, combo) in added.sorted(by: { $0.key < $1.key }) {
            changes.add(.combos, .added, name, "combo \(code(name)) added: \(describe(combo))")
        }
        for (name, old) in before.sorted(by: { $0.key < $1.key }) {
            guard let new = after[name], new != old else { continue }
            compareMembers(name, old.members, new.members, into: &changes)
            compareRules(name, old.rules, new.rules, into: &changes)
            compareFallback(name, old.fallback, new.fallback, into: &changes)
            if old.stickiness != new.stickiness {
                changes.add(.combos, .changed, name, "combo \(code(name)) stickiness: \(old.stickiness.rawValue) → \(new.stickiness.rawValue)")
            }
        }
    }

    /// A new combo in one sentence: shares, rule count, fallback.
    private static func describe(_ combo: Combo) -> String {
        var parts = ["members " + combo.members.map { "\(code($0.target)) \(DiffWording.percent($0.share))" }.joined(separator: ", ")]
        for (position, rule) in combo.rules.enumerated() {
            parts.append("rule #\(position + 1) if \(rule.condition) → \(code(rule.use))")
        }
        if !combo.fallback.isEmpty { parts.append("fallback \(DiffWording.chain(combo.fallback))") }
        if combo.stickiness != .none { parts.append("sticky per \(combo.stickiness.rawValue)") }
        return parts.joined(separator: "; ")
    }

    /// Shares before → after for every member whose share moved, joined or left.
    private static func compareMembers(_ name: String, _ before: [Combo.Member], _ after: [Combo.Member], into changes: inout ChangeList) {
        let old = Dictionary(before.map { ($0.target, $0.share) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.map { ($0.target, $0.share) }, uniquingKeysWith: { first, _ in first })
        let targets = after.map(\.target) + before.map(\.target).filter { new[$0] == nil }
        var moves: [String] = []
        for target in targets {
            let was = DiffWording.percent(old[target] ?? 0), now = DiffWording.percent(new[target] ?? 0)
            guard was != now || (old[target] == nil) != (new[target] == nil) else { continue }
            let note = old[target] == nil ? " (added)" : new[target] == nil ? " (removed)" : ""
            moves.append("\(code(target)) \(was) → \(now)\(note)")
        }
        if !moves.isEmpty {
            changes.add(.combos, .changed, name, "combo \(code(name)) members: \(moves.joined(separator: ", "))")
        }
    }

    /// Rules are matched by their conditions (the n-th rule with the same conditions pairs with
    /// the n-th); a matched rule may change what it uses or where it stands.
    private static func compareRules(_ name: String, _ before: [Combo.Rule], _ after: [Combo.Rule], into changes: inout ChangeList) {
        let oldKeys = keys(before), newKeys = keys(after)
        let oldByKey = Dictionary(zip(oldKeys, before.enumerated()).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
        let newByKey = Dictionary(zip(newKeys, after.enumerated()).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
        for key in oldKeys {
            guard let old = oldByKey[key], let new = newByKey[key], new.element.use != old.element.use else { continue }
            changes.add(.combos, .changed, name, "combo \(code(name)) rule #\(new.offset + 1) (if \(new.element.condition)) now uses \(code(new.element.use)) (was \(code(old.element.use)))")
        }
        // A rule whose conditions were edited in place: one removed and one added at the same position.
        var removed = oldKeys.compactMap { newByKey[$0] == nil ? oldByKey[$0] : nil }
        var added = newKeys.compactMap { oldByKey[$0] == nil ? newByKey[$0] : nil }
        for old in removed {
            guard let new = added.first(where: { $0.offset == old.offset }) else { continue }
            let uses = new.element.use == old.element.use
                ? "→ \(code(new.element.use))" : "→ \(code(new.element.use)) (was → \(code(old.element.use)))"
            changes.add(.combos, .changed, name, "combo \(code(name)) rule #\(new.offset + 1) conditions now: if \(new.element.condition) (was if \(old.element.condition)) \(uses)")
            removed.removeAll { $0.offset == old.offset }
            added.removeAll { $0.offset == new.offset }
        }
        for old in removed {
            changes.add(.combos, .removed, name, "combo \(code(name)) rule #\(old.offset + 1) removed: if \(old.element.condition) → \(code(old.element.use))")
        }
        for new in added {
            changes.add(.combos, .added, name, "combo \(code(name)) rule #\(new.offset + 1) added: if \(new.element.condition) → \(code(new.element.use))")
        }
        let keptBefore = oldKeys.filter { newByKey[$0] != nil }
        let keptAfter = newKeys.filter { oldByKey[$0] != nil }
        if keptBefore != keptAfter {
            func list(_ keys: [RuleKey]) -> String { keys.map { $0.condition }.joined(separator: "; ") }
            changes.add(.combos, .reordered, name, "combo \(code(name)) rules reordered (the first match wins): \(list(keptAfter)) (was \(list(keptBefore)))")
        }
    }

    private struct RuleKey: Hashable {
        let condition: String
        let occurrence: Int
    }

    private static func keys(_ rules: [Combo.Rule]) -> [RuleKey] {
        var seen: [String: Int] = [:]
        return rules.map { rule in
            let occurrence = seen[rule.condition, default: 0]
            seen[rule.condition] = occurrence + 1
            return RuleKey(condition: rule.condition, occurrence: occurrence)
        }
    }

    private static func compareFallback(_ name: String, _ before: [String], _ after: [String], into changes: inout ChangeList) {
        guard before != after else { return }
        let (added, removed) = DiffWording.addedAndRemoved(before, after)
        var notes: [String] = []
        if !added.isEmpty { notes.append("added \(DiffWording.codes(added))") }
        if !removed.isEmpty { notes.append("removed \(DiffWording.codes(removed))") }
        let kind: RoutingChange.Kind = notes.isEmpty ? .reordered : .changed
        if notes.isEmpty { notes.append("reordered") }
        changes.add(.combos, kind, name, "combo \(code(name)) fallback: \(DiffWording.chain(after)) (was \(DiffWording.chain(before)); \(notes.joined(separator: ", ")))")
    }

    private static func code(_ name: String) -> String { DiffWording.code(name) }
}
