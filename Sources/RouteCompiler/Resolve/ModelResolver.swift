import RouteModel

/// Resolves the names in `models:`: references to targets, aliases and combos, alias chains,
/// combo members, rules and fallback chains, and cycles among them.
///
/// Each reference is resolved (and reported) exactly once; chains are then followed over the
/// resolved references, so a broken link is never reported twice.
struct ModelResolver {
    private let aliasConfigs: [(name: Located<String>, target: Located<String>)]
    private let comboConfigs: [ComboConfig]
    private let aliasIndex: [String: Int]
    private let comboIndex: [String: Int]
    private(set) var interner: TargetInterner
    private(set) var diagnostics: DiagnosticBag

    init(models: [ModelConfig], interner: TargetInterner, diagnostics: DiagnosticBag) {
        var aliases: [(name: Located<String>, target: Located<String>)] = []
        var combos: [ComboConfig] = []
        for model in models {
            switch model {
            case .alias(let name, let target): aliases.append((name, target))
            case .combo(let combo): combos.append(combo)
            }
        }
        self.aliasConfigs = aliases
        self.comboConfigs = combos
        self.aliasIndex = Dictionary(aliases.enumerated().map { ($1.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        self.comboIndex = Dictionary(combos.enumerated().map { ($1.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        self.interner = interner
        self.diagnostics = diagnostics
        reportCycles(models)
    }

    var modelNames: [String] { aliasConfigs.map(\.name.value) + comboConfigs.map(\.name.value) }

    // MARK: References

    /// `text` as an alias, a combo or a `provider/model` target; reports what it cannot resolve.
    mutating func reference(_ text: Located<String>, context: String) -> ModelRef? {
        if let index = aliasIndex[text.value] { return .alias(index) }
        if let index = comboIndex[text.value] { return .combo(index) }
        if let slash = text.value.firstIndex(of: "/") {
            let providerName = String(text.value[..<slash])
            let model = String(text.value[text.value.index(after: slash)...])
            guard let provider = interner.providerIndex(named: providerName) else {
                diagnostics.error(
                    text.location,
                    "\(context): unknown provider '\(providerName)' in '\(text.value)'\(Suggestions.hint(for: providerName, in: interner.providers.map(\.name)))"
                )
                return nil
            }
            guard !model.isEmpty else {
                diagnostics.error(text.location, "\(context): '\(text.value)' names no model after the '/'")
                return nil
            }
            let listed = interner.providers[provider].models
            if !listed.isEmpty, !listed.contains(where: { $0.id == model }) {
                diagnostics.warning(
                    text.location,
                    "\(context): '\(model)' is not among the models provider '\(providerName)' lists; it is sent upstream as is\(Suggestions.hint(for: model, in: listed.map(\.id)))"
                )
            }
            return .target(interner.intern(provider: provider, model: model))
        }
        diagnostics.error(
            text.location,
            "\(context): unknown model '\(text.value)': not an alias, a combo or provider/model\(Suggestions.hint(for: text.value, in: modelNames))"
        )
        return nil
    }

    // MARK: Aliases and combos

    /// Every alias and combo, in file order within each kind.
    mutating func resolveModels() -> (aliases: [AliasSpec], combos: [ComboSpec]) {
        let aliasRefs = aliasConfigs.map { reference($0.target, context: "alias '\($0.name.value)'") }
        for (config, ref) in zip(aliasConfigs, aliasRefs) {
            if case .combo = ref {
                diagnostics.error(
                    config.target.location,
                    "alias '\(config.name.value)' names the combo '\(config.target.value)': an alias stands for one target; route to the combo instead"
                )
            }
        }
        let aliases = aliasConfigs.indices.map { index in
            AliasSpec(name: aliasConfigs[index].name.value, target: Self.follow(alias: index, refs: aliasRefs) ?? -1)
        }

        let members = comboConfigs.map { resolveMembers($0, aliases: aliases) }
        let fallbackRefs = comboConfigs.map { combo in
            combo.fallback.compactMap { reference($0, context: "fallback of combo '\(combo.name.value)'") }
        }
        let combos = comboConfigs.indices.map { index in
            buildCombo(index, members: members, fallbackRefs: fallbackRefs, aliases: aliases)
        }
        return (aliases, combos)
    }

    /// The target at the end of an alias chain; nil when a link is broken or leads to a combo.
    private static func follow(alias start: Int, refs: [ModelRef?]) -> Int? {
        var current = start
        var seen: Set<Int> = [start]
        while true {
            switch refs[current] {
            case .target(let index): return index
            case .alias(let next):
                guard seen.insert(next).inserted else { return nil }
                current = next
            case .combo, nil: return nil
            }
        }
    }

    private mutating func resolveMembers(_ config: ComboConfig, aliases: [AliasSpec]) -> [ComboSpec.Member] {
        let owner = "combo '\(config.name.value)'"
        var members: [ComboSpec.Member] = []
        for member in config.members {
            let target: Int?
            switch reference(member.ref, context: "member of \(owner)") {
            case .target(let index): target = index
            case .alias(let index): target = aliases[index].target >= 0 ? aliases[index].target : nil
            case .combo:
                diagnostics.error(
                    member.ref.location,
                    "\(owner): member '\(member.ref.value)' is a combo; members are targets or aliases, chain combos with fallback: or a rule's use:"
                )
                target = nil
            case nil: target = nil
            }
            guard let target else { continue }
            if members.contains(where: { $0.target == target }) {
                diagnostics.error(member.ref.location, "\(owner) lists '\(member.ref.value)' twice")
                continue
            }
            members.append(ComboSpec.Member(target: target, weight: member.weight.value))
        }
        return Self.reducedWeights(members)
    }

    private mutating func buildCombo(
        _ index: Int, members allMembers: [[ComboSpec.Member]], fallbackRefs: [[ModelRef]], aliases: [AliasSpec]
    ) -> ComboSpec {
        let config = comboConfigs[index]
        let owner = "combo '\(config.name.value)'"
        let members = allMembers[index]

        var keywords: [String] = []
        var rules: [RuleSpec] = []
        for rule in config.rules {
            var keywordIDs: Range<Int>?
            if let words = rule.keywords, !words.isEmpty {
                keywordIDs = keywords.count ..< keywords.count + words.count
                keywords += words.map(\.value)
            }
            guard let use = reference(rule.use, context: "rule of \(owner)") else { continue }
            let condition = RuleCondition(
                keywordIDs: keywordIDs, image: rule.image?.value, thinking: rule.thinking?.value,
                toolsInclude: rule.toolsInclude?.map(\.value) ?? [], inputTokensOver: rule.inputTokensOver?.value,
                model: rule.model.map { Glob($0.value) }
            )
            rules.append(RuleSpec(condition: condition, use: use, source: "\(rule.location.file):\(rule.location.line)"))
        }
        Reachability.reportShadowedRules(config.rules, owner: owner, diagnostics: &diagnostics)

        var fallback: [Int] = []
        var visited: Set<Int> = [index]
        for ref in fallbackRefs[index] {
            for target in Self.flatten(ref, members: allMembers, fallbackRefs: fallbackRefs, aliases: aliases, visited: &visited)
            where !fallback.contains(target) && !members.contains(where: { $0.target == target }) {
                fallback.append(target)
            }
        }

        return ComboSpec(
            name: config.name.value, members: members, membersByWeight: Self.orderByWeight(members), rules: rules,
            fallback: fallback, keywords: keywords.isEmpty ? nil : KeywordAutomatonBuilder.build(keywords: keywords),
            stickiness: config.sticky?.value ?? .none
        )
    }

    /// The targets a fallback entry stands for: a combo contributes its members by weight, then
    /// its own fallback chain; a combo already on the way contributes nothing.
    private static func flatten(
        _ ref: ModelRef, members: [[ComboSpec.Member]], fallbackRefs: [[ModelRef]], aliases: [AliasSpec],
        visited: inout Set<Int>
    ) -> [Int] {
        switch ref {
        case .target(let index): return [index]
        case .alias(let index): return aliases[index].target >= 0 ? [aliases[index].target] : []
        case .combo(let index):
            guard visited.insert(index).inserted else { return [] }
            var result = orderByWeight(members[index]).map { members[index][$0].target }
            for next in fallbackRefs[index] {
                result += flatten(next, members: members, fallbackRefs: fallbackRefs, aliases: aliases, visited: &visited)
            }
            return result
        }
    }

    /// Member indexes, heaviest first, ties in declaration order.
    static func orderByWeight(_ members: [ComboSpec.Member]) -> [Int] {
        members.indices.sorted { members[$0].weight > members[$1].weight || (members[$0].weight == members[$1].weight && $0 < $1) }
    }

    /// Divides weights by their greatest common divisor, so `{a: 30, b: 10}` becomes `{a: 3, b: 1}`.
    static func reducedWeights(_ members: [ComboSpec.Member]) -> [ComboSpec.Member] {
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let divisor = members.map(\.weight).reduce(0, gcd)
        guard divisor > 1 else { return members }
        return members.map { ComboSpec.Member(target: $0.target, weight: $0.weight / divisor) }
    }

    // MARK: Cycles

    /// Reports each cycle among aliases and combos once (alias → alias, combo rule or fallback → combo).
    private mutating func reportCycles(_ models: [ModelConfig]) {
        var edges: [String: [Located<String>]] = [:]
        for model in models {
            switch model {
            case .alias(let name, let target): edges[name.value] = [target]
            case .combo(let combo): edges[combo.name.value] = combo.rules.map(\.use) + combo.fallback
            }
        }
        var finished = Set<String>()
        var path: [String] = []
        var reported = Set<[String]>()

        func visit(_ name: String, _ diagnostics: inout DiagnosticBag) {
            path.append(name)
            for next in edges[name] ?? [] where edges[next.value] != nil && !finished.contains(next.value) {
                if let start = path.firstIndex(of: next.value) {
                    let cycle = Array(path[start...]) + [next.value]
                    if reported.insert(Set(cycle).sorted()).inserted {
                        diagnostics.error(next.location, "cycle: \(cycle.joined(separator: " → ")); a model may not lead back to itself")
                    }
                } else {
                    visit(next.value, &diagnostics)
                }
            }
            path.removeLast()
            finished.insert(name)
        }
        for model in models where !finished.contains(model.name.value) {
            visit(model.name.value, &diagnostics)
        }
    }
}
