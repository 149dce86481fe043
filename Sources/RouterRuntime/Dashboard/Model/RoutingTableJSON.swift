import RouteModel

/// `GET /v1/admin/routing`: the compiled table as the Routing page shows it, names only (no key
/// hashes): routes in order, aliases, combos with shares, rules and fallbacks, clients, limits.
enum RoutingTableJSON {
    static func render(_ table: RouteTable) -> String {
        func list(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
        func optional(_ value: Int?) -> String { value.map(String.init) ?? "null" }
        let routes = table.routes.map { "{\"pattern\":\(JSONText.quote($0.pattern.pattern)),\"to\":\(JSONText.quote(table.name(of: $0.ref)))}" }
        let aliases = table.aliases.map { "{\"name\":\(JSONText.quote($0.name)),\"target\":\(JSONText.quote(table.targets[$0.target].name))}" }
        let combos = table.combos.map { combo in
            let members = combo.members.map { member in
                "{\"target\":\(JSONText.quote(table.targets[member.target].name)),\"weight\":\(member.weight),\"share\":\(JSONText.quote(RuleWording.share(member.weight, of: combo)))}"
            }
            let rules = combo.rules.map { rule in
                "{\"if\":\(JSONText.quote(RuleWording.conditions(rule, in: combo))),\"use\":\(JSONText.quote(table.name(of: rule.use))),\"source\":\(JSONText.quote(rule.source))}"
            }
            return "{\"name\":\(JSONText.quote(combo.name)),\"members\":\(list(members)),\"rules\":\(list(rules))"
                + ",\"fallback\":\(list(combo.fallback.map { JSONText.quote(table.targets[$0].name) }))"
                + ",\"stickiness\":\(JSONText.quote(combo.stickiness.rawValue))}"
        }
        let clients = table.clients.map { client in
            "{\"name\":\(JSONText.quote(client.name)),\"admin\":\(client.admin),\"rpm\":\(optional(client.rpm)),\"tpm\":\(optional(client.tpm))"
                + ",\"max_concurrent\":\(optional(client.maxConcurrent)),\"models\":\(list(client.models.map { JSONText.quote($0.pattern) }))}"
        }
        return "{\"inputs_sha256\":\(JSONText.quote(table.inputsSHA256)),\"routes\":\(list(routes)),\"aliases\":\(list(aliases))"
            + ",\"combos\":\(list(combos)),\"clients\":\(list(clients))}"
    }
}
