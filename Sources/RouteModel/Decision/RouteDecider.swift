/// Turns an inbound model name and request features into an ordered attempt list.
///
/// Order: exact names, then glob routes; an alias stands for its target; a combo's first
/// matching rule wins, otherwise a weighted pick; then the combo's other members by weight, then
/// its fallback chain.
public struct RouteDecider: Sendable {
    public let table: RouteTable

    public init(table: RouteTable) {
        self.table = table
    }

    /// Chooses a member of a combo (its index into `members`). The runtime passes a chooser that
    /// keeps round-robin state, honours stickiness and skips members without credentials.
    public typealias MemberChooser = (_ combo: Int, _ spec: ComboSpec, _ features: RequestFeatures) -> Int

    /// A chooser that draws from a caller-supplied random source, for offline decisions and tests.
    public static func randomChooser(_ draw: @escaping () -> UInt64) -> MemberChooser {
        { _, spec, _ in spec.picker.pick(draw: draw()) }
    }

    /// Recognises the inbound name; nil when nothing knows it.
    public func resolve(model: String) -> RouteDecision.Resolution? {
        if let ref = table.resolveExact(model) { return .exact(ref) }
        if let slash = model.firstIndex(of: "/"), table.providerIndex(model[..<slash]) != nil,
           model.index(after: slash) < model.endIndex
        {
            return .directTarget
        }
        for (index, route) in table.routes.enumerated() where route.pattern.matches(model) {
            return .route(index, route.ref)
        }
        return nil
    }

    /// The full decision; nil when the model name is unknown.
    public func decide(model: String, features: RequestFeatures, choose: MemberChooser) -> RouteDecision? {
        guard let resolution = resolve(model: model) else { return nil }
        var builder = AttemptListBuilder(table: table)
        switch resolution {
        case .exact(let ref), .route(_, let ref):
            expand(ref, model: model, features: features, choose: choose, into: &builder, depth: 0)
        case .directTarget:
            builder.append(directTarget(model))
        }
        return RouteDecision(
            requestedModel: model, resolution: resolution, firedRules: builder.firedRules,
            picks: builder.picks, attempts: builder.attempts
        )
    }

    private func directTarget(_ name: String) -> TargetSpec? {
        guard let slash = name.firstIndex(of: "/"), let provider = table.providerIndex(name[..<slash]) else {
            return nil
        }
        let model = String(name[name.index(after: slash)...])
        return TargetSpec(
            provider: provider, model: model, name: name,
            maxOutputTokens: table.providers[provider].maxOutputTokens(of: model)
        )
    }

    private func expand(
        _ ref: ModelRef, model: String, features: RequestFeatures, choose: MemberChooser,
        into builder: inout AttemptListBuilder, depth: Int
    ) {
        switch ref {
        case .target(let index):
            builder.append(table.targets[index])
        case .alias(let index):
            builder.append(table.targets[table.aliases[index].target])
        case .combo(let index):
            // The compiler rejects cycles; the depth guard keeps a hand-made table finite too.
            guard depth <= table.combos.count else { return }
            let combo = table.combos[index]
            if let fired = firstMatchingRule(of: combo, index: index, model: model, features: features) {
                builder.firedRules.append(fired)
                expand(
                    combo.rules[fired.rule].use, model: model, features: features, choose: choose,
                    into: &builder, depth: depth + 1
                )
            } else if !combo.members.isEmpty {
                let member = choose(index, combo, features)
                builder.picks.append(.init(combo: index, member: member))
                builder.append(table.targets[combo.members[member].target])
            }
            for member in combo.membersByWeight { builder.append(table.targets[combo.members[member].target]) }
            for target in combo.fallback { builder.append(table.targets[target]) }
        }
    }

    /// The first rule whose every condition holds.
    public func firstMatchingRule(
        of combo: ComboSpec, index: Int, model: String, features: RequestFeatures
    ) -> RouteDecision.FiredRule? {
        guard !combo.rules.isEmpty else { return nil }
        var matches: KeywordMatches?
        for (ruleIndex, rule) in combo.rules.enumerated() {
            let condition = rule.condition
            if let image = condition.image, image != features.hasImage { continue }
            if let thinking = condition.thinking, thinking != features.wantsThinking { continue }
            if let threshold = condition.inputTokensOver, features.estimatedInputTokens <= threshold { continue }
            if !condition.toolsInclude.isEmpty,
               !condition.toolsInclude.contains(where: features.toolNames.contains)
            {
                continue
            }
            if let glob = condition.model, !glob.matches(model) { continue }
            var keyword: String?
            if let ids = condition.keywordIDs, let automaton = combo.keywords {
                if matches == nil {
                    var found = KeywordMatches(keywordCount: automaton.keywords.count)
                    automaton.scan(features.latestUserText, into: &found)
                    matches = found
                }
                guard let id = matches?.first(in: ids) else { continue }
                keyword = automaton.keywords[id]
            }
            return .init(combo: index, rule: ruleIndex, keyword: keyword)
        }
        return nil
    }
}

/// Accumulates attempts in order, skipping targets already listed.
struct AttemptListBuilder {
    let table: RouteTable
    var attempts: [TargetSpec] = []
    var firedRules: [RouteDecision.FiredRule] = []
    var picks: [RouteDecision.ComboPick] = []

    init(table: RouteTable) {
        self.table = table
    }

    mutating func append(_ target: TargetSpec?) {
        guard let target, !attempts.contains(where: { $0.name == target.name }) else { return }
        attempts.append(target)
    }
}
