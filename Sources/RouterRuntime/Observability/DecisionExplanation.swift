import RouteModel

/// A routing decision explained in a few lines: how the name resolved, which rule fired on which
/// keyword, the weighted pick, and the attempt order with each target's credential state. The
/// text of `claude-router route` and of the dashboard's playground.
public struct DecisionExplanation {
    let table: RouteTable
    /// A target's credential state in words (`ok (1 of 1 key)`, `missing GLM_API_KEY`, `cooling`).
    let credentialState: (TargetSpec) -> String
    /// Whether the attempt loop would try the target (otherwise it is shown as skipped).
    let usable: (TargetSpec) -> Bool

    public init(table: RouteTable, credentialState: @escaping (TargetSpec) -> String, usable: @escaping (TargetSpec) -> Bool) {
        self.table = table
        self.credentialState = credentialState
        self.usable = usable
    }

    /// The explanation with credential states read from `environment`, as the CLI sees them.
    public init(table: RouteTable, environment: [String: String]) {
        self.init(
            table: table,
            credentialState: { TableSummary.credentialState(table.providers[$0.provider], environment) },
            usable: { target in
                let provider = table.providers[target.provider]
                return provider.auth == .oauth || provider.hasStaticCredentials(in: environment)
            }
        )
    }

    /// `hasImage`: the request carries an image, so text-only targets (`vision: false`) are skipped.
    public func lines(for decision: RouteDecision, hasImage: Bool = false) -> [String] {
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
            let blind = hasImage && !VisionFilter.canSeeImages(target, in: table)
            let skip = blind ? " → skipped (cannot see images)" : usable(target) ? "" : " → skipped"
            lines.append("  \(index + 1). \(target.name)  [\(provider.wireProtocol.rawValue), \(credentialState(target))]\(skip)")
        }
        if hasImage, VisionFilter.split(decision.attempts, hasImage: true, in: table).usable.isEmpty {
            lines.append("result:   400 image_not_supported: no target can see images; add a rule `if: {image: true}` to a vision model")
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
