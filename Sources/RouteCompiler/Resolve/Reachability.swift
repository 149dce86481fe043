import RouteModel

/// Warnings for rules and routes that can never be reached because an earlier one always wins.
enum Reachability {
    /// A rule is shadowed when an earlier rule of the same combo fires on every request it fires on.
    static func reportShadowedRules(_ rules: [RuleConfig], owner: String, diagnostics: inout DiagnosticBag) {
        for (index, rule) in rules.enumerated() {
            if let earlier = rules[..<index].firstIndex(where: { implies(rule, $0) }) {
                diagnostics.warning(
                    rule.location,
                    "unreachable rule in \(owner): rule \(earlier + 1) (line \(rules[earlier].location.line)) matches every request this one does"
                )
            }
        }
    }

    /// Whether `later` firing implies `earlier` fires: each condition `earlier` sets is at least as
    /// permissive as the same condition in `later`.
    static func implies(_ later: RuleConfig, _ earlier: RuleConfig) -> Bool {
        if let image = earlier.image?.value, later.image?.value != image { return false }
        if let thinking = earlier.thinking?.value, later.thinking?.value != thinking { return false }
        if let threshold = earlier.inputTokensOver?.value {
            guard let laterThreshold = later.inputTokensOver?.value, laterThreshold >= threshold else { return false }
        }
        if let tools = earlier.toolsInclude?.map(\.value) {
            guard let laterTools = later.toolsInclude?.map(\.value), laterTools.allSatisfy(tools.contains) else { return false }
        }
        if let glob = earlier.model?.value {
            guard let laterGlob = later.model?.value, Glob(laterGlob).isCovered(by: Glob(glob)) else { return false }
        }
        if let words = earlier.keywords?.map({ KeywordAutomaton.fold($0.value) }) {
            // Any later keyword occurring means some earlier keyword (one of its substrings) occurs.
            guard let laterWords = later.keywords?.map({ KeywordAutomaton.fold($0.value) }),
                  laterWords.allSatisfy({ word in words.contains { word.contains($0) } })
            else { return false }
        }
        return true
    }

    /// A glob route is shadowed when an earlier glob matches every name it does.
    static func reportShadowedRoutes(_ routes: [RouteConfig], diagnostics: inout DiagnosticBag) {
        let globs = routes.filter { !Glob($0.pattern.value).isLiteral }
        for (index, route) in globs.enumerated() {
            let pattern = Glob(route.pattern.value)
            if let earlier = globs[..<index].first(where: { pattern.isCovered(by: Glob($0.pattern.value)) }) {
                diagnostics.warning(
                    route.pattern.location,
                    "unreachable route '\(route.pattern.value)': '\(earlier.pattern.value)' (line \(earlier.pattern.location.line)) comes first and matches every name it does"
                )
            }
        }
    }
}
