import RouteModel

/// A rule's conditions in words (`keywords ultrathink, 深度思考 · image`), as the Routing page
/// and the playground show them.
enum RuleWording {
    static func conditions(_ rule: RuleSpec, in combo: ComboSpec) -> String {
        var parts: [String] = []
        let condition = rule.condition
        if let ids = condition.keywordIDs, let automaton = combo.keywords {
            parts.append("keywords " + ids.compactMap { $0 < automaton.keywords.count ? automaton.keywords[$0] : nil }.joined(separator: ", "))
        }
        if let image = condition.image { parts.append(image ? "image" : "no image") }
        if let thinking = condition.thinking { parts.append(thinking ? "thinking" : "no thinking") }
        if !condition.toolsInclude.isEmpty { parts.append("tools include " + condition.toolsInclude.joined(separator: ", ")) }
        if let over = condition.inputTokensOver { parts.append("input tokens over \(over)") }
        if let model = condition.model { parts.append("model matches \(model.pattern)") }
        return parts.isEmpty ? "always" : parts.joined(separator: " · ")
    }

    /// A member's weight as a share of its combo, `33 %`.
    static func share(_ weight: Int, of combo: ComboSpec) -> String {
        let total = combo.members.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return "0 %" }
        return Format.decimal(Double(weight) * 100 / Double(total), places: weight * 100 % total == 0 ? 0 : 1) + " %"
    }
}
