import RouteModel
import RouterRuntime

/// A routing decision explained in a few lines: how the name resolved, which rule fired on which
/// keyword, the weighted pick, and the attempt order with each target's credential state.
struct DecisionReport {
    let table: RouteTable
    let environment: [String: String]

    func lines(for decision: RouteDecision) -> [String] {
        var lines = ["model:    \(decision.requestedModel)"]
        switch decision.resolution {
        case .exact(let ref):
            lines.append("resolved: \(describe(ref)) (exact name)")
        case .route(let index, let ref):
            lines.append("resolved: route \"\(table.routes[index].pattern.pattern)\" → \(describe(ref))")
        case .directTarget:
            lines.append("resolved: provider/model target (model id not in the catalog, sent as is)")
        }
        for fired in decision.firedRules {
            let combo = table.combos[fired.combo]
            let rule = combo.rules[fired.rule]
            let why = fired.keyword.map { "matched keyword \"\($0)\"" } ?? "conditions hold"
            lines.append("rule:     \(combo.name) rule \(fired.rule + 1) (\(rule.source)) \(why) → \(describe(rule.use))")
        }
        for pick in decision.picks {
            let combo = table.combos[pick.combo]
            let member = combo.members[pick.member]
            lines.append("pick:     \(table.targets[member.target].name), weight \(member.weight) of \(combo.picker.total) in \(combo.name)")
        }
        if decision.firedRules.isEmpty, decision.picks.isEmpty, case .exact(.combo) = decision.resolution {
            lines.append("pick:     none (the combo has no members)")
        }
        lines.append("attempts:")
        for (index, target) in decision.attempts.enumerated() {
            let provider = table.providers[target.provider]
            let state = TableSummary.credentialState(provider, environment)
            let usable = provider.auth == .oauth || provider.hasStaticCredentials(in: environment)
            lines.append("  \(index + 1). \(target.name)  [\(provider.wireProtocol.rawValue), \(state)]\(usable ? "" : " → skipped")")
        }
        return lines
    }

    private func describe(_ ref: ModelRef) -> String {
        switch ref {
        case .target(let index): "target \(table.targets[index].name)"
        case .alias(let index): "alias \(table.aliases[index].name) → \(table.targets[table.aliases[index].target].name)"
        case .combo(let index): "combo \(table.combos[index].name)"
        }
    }
}
