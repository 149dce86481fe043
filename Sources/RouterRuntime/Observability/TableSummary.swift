import RouteModel

/// The compiled table in a few lines, printed when the router starts: providers and whether
/// their credentials are present, aliases, combos, routes and clients. Never prints a key.
public enum TableSummary {
    public static func text(for table: RouteTable, environment: [String: String]) -> String {
        var lines: [String] = ["compiled routes (inputs sha256 \(table.inputsSHA256.prefix(12))…):"]
        lines.append("  providers:")
        for provider in table.providers {
            lines.append("    \(pad(provider.name, 12)) \(pad(provider.wireProtocol.rawValue, 9)) \(provider.baseURL)  \(credentialState(provider, environment))")
        }
        if !table.aliases.isEmpty {
            lines.append("  aliases:")
            for alias in table.aliases { lines.append("    \(pad(alias.name, 12)) → \(table.targets[alias.target].name)") }
        }
        if !table.combos.isEmpty {
            lines.append("  combos:")
            for combo in table.combos {
                let members = combo.members.map { "\(table.targets[$0.target].name)×\($0.weight)" }.joined(separator: ", ")
                var line = "    \(pad(combo.name, 12)) \(members)"
                if !combo.rules.isEmpty { line += "; \(combo.rules.count) rule\(combo.rules.count == 1 ? "" : "s")" }
                if !combo.fallback.isEmpty { line += "; fallback \(combo.fallback.map { table.targets[$0].name }.joined(separator: ", "))" }
                if combo.stickiness == .session { line += "; sticky per session" }
                lines.append(line)
            }
        }
        if !table.routes.isEmpty {
            lines.append("  routes:")
            for route in table.routes { lines.append("    \(pad(route.pattern.pattern, 16)) → \(table.name(of: route.ref))") }
        }
        if table.clients.isEmpty {
            lines.append("  clients: none (loopback only, no client key asked)")
        } else {
            lines.append("  clients: \(table.clients.map(\.name).joined(separator: ", "))")
        }
        lines.append(contentsOf: warnings(for: table, environment: environment))
        return lines.joined(separator: "\n")
    }

    /// Rules and combos that cannot serve with the credentials at hand: they are skipped at
    /// request time (the attempt list moves on), and said so once here.
    public static func warnings(for table: RouteTable, environment: [String: String]) -> [String] {
        func usable(_ target: Int) -> Bool {
            let provider = table.providers[table.targets[target].provider]
            switch provider.auth {
            case .none, .oauth: return true
            case .xApiKey, .bearer: return !provider.presentKeyEnv(in: environment).isEmpty
            }
        }
        func missing(_ target: Int) -> String {
            table.providers[table.targets[target].provider].keyEnv.joined(separator: ", ")
        }
        var out: [String] = []
        for combo in table.combos {
            for (index, rule) in combo.rules.enumerated() {
                let target: Int?
                switch rule.use {
                case .target(let t): target = t
                case .alias(let a): target = table.aliases[a].target
                case .combo: target = nil
                }
                if let target, !usable(target) {
                    out.append("warning: \(combo.name).rules[\(index)] (\(rule.source)) uses \(table.targets[target].name) without credentials (set \(missing(target))): the rule is skipped")
                }
            }
            let members = combo.members.map(\.target) + combo.fallback
            if !members.isEmpty, !members.contains(where: usable) {
                let names = Set(members.map(missing)).sorted().joined(separator: "; ")
                out.append("warning: combo \(combo.name) has no member with credentials: it answers 503 until one of these is set: \(names)")
            }
        }
        return out
    }

    /// `ok (2 of 2 keys)`, `missing GLM_API_KEY`, `no auth`, `oauth`.
    public static func credentialState(_ provider: ProviderSpec, _ environment: [String: String]) -> String {
        switch provider.auth {
        case .none: return "no auth"
        case .oauth: return "oauth (see `claude-router accounts`)"
        case .xApiKey, .bearer:
            let present = provider.presentKeyEnv(in: environment)
            if present.isEmpty { return "missing \(provider.keyEnv.joined(separator: ", "))" }
            return "ok (\(present.count) of \(provider.keyEnv.count) key\(provider.keyEnv.count == 1 ? "" : "s"))"
        }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
