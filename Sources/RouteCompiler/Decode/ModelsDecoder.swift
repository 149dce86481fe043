import RouteModel
import Yams

/// Decodes `models:`: a text value is an alias, a mapping a combo.
enum ModelsDecoder {
    static let comboKeys = ["members", "rules", "fallback", "sticky"]
    static let ruleKeys = ["if", "use"]
    static let conditionKeys = ["keywords", "image", "thinking", "tools_include", "input_tokens_over", "model"]

    static func decode(_ node: Node, reader: inout YAMLReader) -> [ModelConfig] {
        guard let entries = reader.mapping(node, "models") else { return [] }
        return entries.compactMap { entry -> ModelConfig? in
            guard Names.isValidName(entry.key.value, allowingSlash: false) else {
                reader.diagnostics.error(entry.key.location, "model '\(entry.key.value)': \(Names.rule)")
                return nil
            }
            if case .scalar = entry.value {
                guard let target = reader.name(entry.value, "alias '\(entry.key.value)'") else { return nil }
                return .alias(name: entry.key, target: target)
            }
            return combo(named: entry.key, entry.value, reader: &reader).map(ModelConfig.combo)
        }
    }

    static func combo(named name: Located<String>, _ node: Node, reader: inout YAMLReader) -> ComboConfig? {
        let owner = "combo '\(name.value)'"
        guard let record = reader.record(node, owner, allowed: comboKeys) else { return nil }
        var combo = ComboConfig(name: name)
        if let entry = record["members"] { combo.members = members(entry.value, owner: owner, reader: &reader) }
        if let entry = record["rules"], let items = reader.sequence(entry.value, "rules of \(owner)") {
            combo.rules = items.compactMap { rule($0, owner: owner, reader: &reader) }
        }
        if let entry = record["fallback"] {
            combo.fallback = reader.strings(entry.value, "fallback of \(owner)") ?? []
        }
        if let entry = record["sticky"] {
            combo.sticky = ProviderFieldsDecoder.enumValue(entry.value, "sticky of \(owner)", reader: &reader)
        }
        if record["members"] == nil {
            reader.error(node, "\(owner) needs members: {target: weight, ...}")
        }
        return combo
    }

    /// `{ref: weight}` or a list of refs (weight 1 each).
    static func members(_ node: Node, owner: String, reader: inout YAMLReader) -> [(ref: Located<String>, weight: Located<Int>)] {
        let what = "members of \(owner)"
        if case .sequence = node {
            return (reader.strings(node, what) ?? []).map { ($0, Located(1, at: $0.location)) }
        }
        guard let entries = reader.mapping(node, what) else { return [] }
        var members: [(ref: Located<String>, weight: Located<Int>)] = []
        for entry in entries {
            guard let weight = reader.int(entry.value, "the weight of '\(entry.key.value)' in \(owner)") else { continue }
            guard weight.value > 0 else {
                reader.error(entry.value, "the weight of '\(entry.key.value)' in \(owner) must be at least 1, found \(weight.value)")
                continue
            }
            members.append((entry.key, weight))
        }
        if entries.isEmpty { reader.error(node, "\(what) must list at least one target") }
        return members
    }

    static func rule(_ node: Node, owner: String, reader: inout YAMLReader) -> RuleConfig? {
        let what = "a rule of \(owner)"
        guard let record = reader.record(node, what, allowed: ruleKeys) else { return nil }
        guard let useEntry = record["use"] else {
            reader.error(node, "\(what) needs `use:` naming a target, alias or combo")
            return nil
        }
        guard let conditionEntry = record["if"] else {
            reader.error(node, "\(what) needs `if:` with at least one condition (\(conditionKeys.joined(separator: ", ")))")
            return nil
        }
        guard let use = reader.name(useEntry.value, "use of \(what)"),
              let conditions = reader.record(conditionEntry.value, "the if: of \(what)", allowed: conditionKeys)
        else { return nil }
        var rule = RuleConfig(location: reader.location(of: node), use: use)
        if let entry = conditions["keywords"] {
            let keywords = reader.strings(entry.value, "keywords") ?? []
            rule.keywords = keywords
            if keywords.isEmpty { reader.error(entry.value, "keywords must list at least one word") }
        }
        rule.image = conditions["image"].flatMap { reader.bool($0.value, "image") }
        rule.thinking = conditions["thinking"].flatMap { reader.bool($0.value, "thinking") }
        rule.toolsInclude = conditions["tools_include"].flatMap { entry in
            if case .scalar = entry.value { return reader.name(entry.value, "tools_include").map { [$0] } }
            return reader.strings(entry.value, "tools_include")
        }
        if let entry = conditions["input_tokens_over"], let value = reader.int(entry.value, "input_tokens_over") {
            if value.value >= 0 { rule.inputTokensOver = value } else {
                reader.error(entry.value, "input_tokens_over must not be negative")
            }
        }
        rule.model = conditions["model"].flatMap { reader.name($0.value, "model") }
        if conditions.isEmpty {
            reader.error(conditionEntry.value, "the if: of \(what) needs at least one condition (\(conditionKeys.joined(separator: ", ")))")
        }
        return rule
    }
}
