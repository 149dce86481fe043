import RouteModel

/// Clients by name and their limits. Key hashes are compared but never printed.
enum ClientsDiff {
    static func compare(_ before: [String: ClientSpec], _ after: [String: ClientSpec], into changes: inout ChangeList) {
        for name in before.keys.sorted() where after[name] == nil {
            changes.add(.clients, .removed, name, "client \(code(name)) removed")
        }
        for (name, client) in after.sorted(by: { $0.key < $1.key }) where before[name] == nil {
            // Only what is set: unlimited and non-admin are the defaults.
            let set = limits(client).filter { $0.value != "unlimited" && $0.value != "no" }
            changes.add(.clients, .added, name, "client \(code(name)) added: \(set.map { "\($0.label) \($0.value)" }.joined(separator: ", "))")
        }
        for (name, old) in before.sorted(by: { $0.key < $1.key }) {
            guard let new = after[name] else { continue }
            if old.keySHA256 != new.keySHA256 { changes.add(.clients, .changed, name, "client \(code(name)): key changed") }
            for (was, now) in zip(limits(old), limits(new)) where was.value != now.value {
                changes.add(.clients, .changed, name, "client \(code(name)): \(now.label) \(DiffWording.change(was.value, now.value))")
            }
        }
    }

    /// The limits a client is held to, in a fixed order, as `routes.yaml` names them.
    private static func limits(_ client: ClientSpec) -> [(label: String, value: String)] {
        [
            ("rpm", DiffWording.limit(client.rpm)),
            ("tpm", DiffWording.limit(client.tpm)),
            ("max_concurrent", DiffWording.limit(client.maxConcurrent)),
            ("models", client.models.map(\.pattern).joined(separator: ", ")),
            ("admin", client.admin ? "yes" : "no"),
            ("daily_usd", client.budget?.daily.map(\.decimalString) ?? "unlimited"),
            ("monthly_usd", client.budget?.monthly.map(\.decimalString) ?? "unlimited"),
        ]
    }

    private static func code(_ name: String) -> String { DiffWording.code(name) }
}
