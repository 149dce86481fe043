import RouteModel

/// What the router presents to each provider, resolved from the environment at start. Values
/// never leave this type except into upstream request headers.
struct ProviderCredentials: Sendable {
    /// One entry per provider, in table order.
    let providers: [Entry]

    struct Entry: Sendable {
        let name: String
        let auth: AuthStyle
        let keys: KeyPool
        /// The provider's extra headers with `env:` values resolved; unset ones are left out.
        let extraHeaders: [(name: String, value: String)]
        /// Environment variables named by extra headers that were unset.
        let missingHeaderEnv: [String]

        /// Whether a request can be sent with what the environment holds (a key, or no auth).
        /// Always false for OAuth providers: their credentials are accounts in the token store,
        /// and whether one is usable is the `TokenManager`'s answer (`readiness(of:)`), which
        /// `/readyz` and the attempt loop ask instead.
        var isUsable: Bool {
            switch auth {
            case .none: true
            case .xApiKey, .bearer: !keys.keys.isEmpty
            case .oauth: false
            }
        }

        /// What is missing, by name only, for `/readyz` and 503 messages.
        var missingNames: [String] {
            switch auth {
            case .none: []
            case .xApiKey, .bearer: keys.keys.isEmpty ? keys.missingEnv : []
            case .oauth: []
            }
        }
    }

    init(table: RouteTable, environment: [String: String]) {
        providers = table.providers.map { spec in
            var headers: [(String, String)] = []
            var missing: [String] = []
            for header in spec.headers {
                switch header.value {
                case .literal(let value): headers.append((header.name, value))
                case .env(let name):
                    if let value = environment[name]?.trimmingSpaces(), !value.isEmpty { headers.append((header.name, value)) } else { missing.append(name) }
                }
            }
            return Entry(
                name: spec.name, auth: spec.auth, keys: KeyPool(provider: spec, environment: environment),
                extraHeaders: headers, missingHeaderEnv: missing
            )
        }
    }
}
