import RouteModel

/// A routing table seen by name, the way a reviewer reads it: indexes replaced by the names they
/// stand for, so that two tables compiled from different files can be compared entry by entry.
struct RoutingView {
    /// Alias name → the target it stands for.
    var aliases: [String: String] = [:]
    var combos: [String: ComboView] = [:]
    /// Glob routes in file order (first match wins), each with the name it resolves to.
    var globRoutes: [(pattern: String, resolvesTo: String)] = []
    /// Literal route keys (`"claude-sonnet-4-5": smart`) → the name they resolve to.
    var exactRoutes: [String: String] = [:]
    var providers: [String: ProviderSpec] = [:]
    var clients: [String: ClientSpec] = [:]
    var limits: RouterLimits

    /// A combo with its members as shares of the weight total, its rules and its fallback in words.
    struct ComboView: Equatable {
        /// Members in declaration order with their share of the weight total (0...1).
        var members: [Member]
        var rules: [Rule]
        /// The flattened fallback targets, in the order they are tried.
        var fallback: [String]
        var stickiness: ComboSpec.Stickiness

        struct Member: Equatable {
            let target: String
            let share: Double
        }

        struct Rule: Equatable {
            /// The conditions in `routes.yaml` words, e.g. "keywords [ultrathink] and image".
            let condition: String
            let use: String
        }
    }

    /// - Parameter probeNames: names that may be literal route keys; the live table cannot list
    ///   its exact routes, so callers name the candidates (for example the other table's keys).
    init(_ table: RouteTable, probeNames: [String]) {
        limits = table.limits
        for alias in table.aliases { aliases[alias.name] = table.targets[alias.target].name }
        for combo in table.combos { combos[combo.name] = Self.view(of: combo, in: table) }
        globRoutes = table.routes.map { ($0.pattern.pattern, table.name(of: $0.ref)) }
        let modelNames = Set(table.aliases.map(\.name) + table.combos.map(\.name) + table.targets.map(\.name))
        for name in probeNames where !modelNames.contains(name) {
            if let ref = table.resolveExact(name) { exactRoutes[name] = table.name(of: ref) }
        }
        for provider in table.providers { providers[provider.name] = provider }
        for client in table.clients { clients[client.name] = client }
    }

    private static func view(of combo: ComboSpec, in table: RouteTable) -> ComboView {
        let total = Double(combo.members.reduce(0) { $0 + $1.weight })
        let members = combo.members.map {
            ComboView.Member(target: table.targets[$0.target].name, share: total > 0 ? Double($0.weight) / total : 0)
        }
        let rules = combo.rules.map { rule in
            ComboView.Rule(condition: conditionWords(rule.condition, keywords: combo.keywords), use: table.name(of: rule.use))
        }
        return ComboView(
            members: members, rules: rules, fallback: combo.fallback.map { table.targets[$0].name },
            stickiness: combo.stickiness
        )
    }

    /// A rule's conditions in the words `routes.yaml` uses, in a fixed order.
    static func conditionWords(_ condition: RuleCondition, keywords: KeywordAutomaton?) -> String {
        var parts: [String] = []
        if let ids = condition.keywordIDs, let automaton = keywords {
            let words = ids.filter { automaton.keywords.indices.contains($0) }.map { automaton.keywords[$0] }
            parts.append("keywords [\(words.joined(separator: ", "))]")
        }
        if let image = condition.image { parts.append(image ? "image" : "no image") }
        if let thinking = condition.thinking { parts.append(thinking ? "thinking" : "no thinking") }
        if !condition.toolsInclude.isEmpty { parts.append("tools_include [\(condition.toolsInclude.joined(separator: ", "))]") }
        if let over = condition.inputTokensOver { parts.append("input_tokens_over \(over)") }
        if let model = condition.model { parts.append("model \(model.pattern)") }
        return parts.isEmpty ? "always" : parts.joined(separator: " and ")
    }
}
