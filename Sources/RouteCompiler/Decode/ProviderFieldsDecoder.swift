import RouteModel
import Yams

/// Decodes the fields a provider entry and a catalog preset share.
struct ProviderFieldsDecoder {
    /// Keys a provider entry in `routes.yaml` may use.
    static let providerKeys = [
        "preset", "protocol", "base_url", "auth", "keys", "models", "quirks", "thinking", "reject_betas",
        "headers", "oauth", "max_concurrency",
    ]
    /// Keys a catalog preset may use.
    static let presetKeys = [
        "protocol", "base_url", "auth", "key_env", "models", "quirks", "thinking", "reject_betas", "headers",
        "oauth", "max_concurrency", "notes",
    ]
    static let oauthKeys = [
        "flow", "device_url", "authorize_url", "token_url", "client_id", "client_secret", "scopes", "pkce",
    ]

    static func decode(_ record: [String: YAMLReader.Entry], owner: String, reader: inout YAMLReader) -> ProviderFields {
        var fields = ProviderFields()
        if let entry = record["protocol"] {
            fields.wireProtocol = enumValue(entry.value, "protocol of \(owner)", reader: &reader)
        }
        if let entry = record["base_url"], let url = reader.name(entry.value, "base_url of \(owner)") {
            if url.value.hasPrefix("http://") || url.value.hasPrefix("https://") {
                fields.baseURL = Located(String(url.value.reversed().drop { $0 == "/" }.reversed()), at: url.location)
            } else {
                reader.error(entry.value, "base_url of \(owner) must start with http:// or https://")
            }
        }
        if let entry = record["auth"] {
            fields.auth = enumValue(entry.value, "auth of \(owner)", reader: &reader)
        }
        if let entry = record["keys"] {
            fields.keys = secretList(entry.value, "keys of \(owner)", reader: &reader)
        }
        if let entry = record["key_env"], let name = reader.name(entry.value, "key_env of \(owner)") {
            if ValueSyntax.isEnvironmentName(name.value) {
                fields.keyEnv = name
            } else {
                reader.error(entry.value, "key_env of \(owner) must be an environment variable name")
            }
        }
        if let entry = record["models"] {
            fields.models = models(entry.value, owner: owner, reader: &reader)
        }
        if let entry = record["quirks"] {
            fields.quirks = reader.strings(entry.value, "quirks of \(owner)")
            for quirk in fields.quirks ?? [] where !ProviderQuirks.flagNames.contains(quirk.value) {
                reader.diagnostics.error(
                    quirk.location,
                    "unknown quirk '\(quirk.value)'\(Suggestions.hint(for: quirk.value, in: ProviderQuirks.flagNames))"
                )
            }
        }
        if let entry = record["thinking"] {
            fields.thinking = enumValue(entry.value, "thinking of \(owner)", reader: &reader)
        }
        if let entry = record["reject_betas"] {
            fields.rejectBetas = reader.strings(entry.value, "reject_betas of \(owner)")
        }
        if let entry = record["headers"] {
            fields.headers = headers(entry.value, owner: owner, reader: &reader)
        }
        if let entry = record["oauth"] {
            fields.oauth = oauth(entry.value, owner: owner, reader: &reader)
        }
        if let entry = record["max_concurrency"], let value = reader.int(entry.value, "max_concurrency of \(owner)") {
            if value.value > 0 { fields.maxConcurrency = value } else {
                reader.error(entry.value, "max_concurrency of \(owner) must be at least 1")
            }
        }
        return fields
    }

    /// A value of a string-backed enum, with the allowed values in the message.
    static func enumValue<Value: RawRepresentable & CaseIterable>(
        _ node: Node, _ what: String, reader: inout YAMLReader
    ) -> Located<Value>? where Value.RawValue == String {
        guard let text = reader.name(node, what) else { return nil }
        if let value = Value(rawValue: text.value) { return Located(value, at: text.location) }
        let allowed = Value.allCases.map(\.rawValue)
        reader.error(
            node,
            "\(what) must be one of \(allowed.joined(separator: ", ")), found '\(text.value)'\(Suggestions.hint(for: text.value, in: allowed))"
        )
        return nil
    }

    /// One `env:NAME` reference; a literal value is refused without echoing it.
    static func secret(_ node: Node, _ what: String, reader: inout YAMLReader) -> Located<SecretRef>? {
        guard let text = reader.name(node, what) else { return nil }
        if let name = ValueSyntax.envName(text.value) { return Located(SecretRef(envName: name), at: text.location) }
        if text.value.hasPrefix("env:") {
            reader.error(node, "\(what): '\(text.value)' is not a valid environment variable name after env:")
        } else {
            reader.error(
                node,
                "\(what) must be env:NAME, not a literal value: secrets are never compiled in; export the key as an environment variable and write env:NAME"
            )
        }
        return nil
    }

    static func secretList(_ node: Node, _ what: String, reader: inout YAMLReader) -> [Located<SecretRef>]? {
        if case .scalar = node { return secret(node, what, reader: &reader).map { [$0] } }
        guard let items = reader.sequence(node, what) else { return nil }
        return items.compactMap { secret($0, "each entry of \(what)", reader: &reader) }
    }

    /// `[id, id]`, `[{id: {max_output_tokens: N}}]` or `{id: {max_output_tokens: N, price: {...}, vision: false}, id: ~}`.
    static func models(_ node: Node, owner: String, reader: inout YAMLReader) -> [ModelEntryConfig]? {
        let what = "models of \(owner)"
        switch node {
        case .sequence(let items):
            return items.compactMap { item -> ModelEntryConfig? in
                if case .mapping = item {
                    guard let entries = reader.mapping(item, what), entries.count == 1, let entry = entries.first else {
                        reader.error(item, "each mapping in \(what) must be a single `id: {max_output_tokens: N}`")
                        return nil
                    }
                    return modelEntry(id: entry.key, details: entry.value, what: what, reader: &reader)
                }
                return reader.name(item, "each entry of \(what)").map { ModelEntryConfig(id: $0) }
            }
        case .mapping:
            guard let entries = reader.mapping(node, what) else { return nil }
            return entries.compactMap { modelEntry(id: $0.key, details: $0.value, what: what, reader: &reader) }
        default:
            reader.error(node, "\(what) must be a list of model ids, found \(YAMLReader.kind(of: node))")
            return nil
        }
    }

    private static func modelEntry(
        id: Located<String>, details: Node, what: String, reader: inout YAMLReader
    ) -> ModelEntryConfig? {
        if case .scalar(let scalar) = details, YAMLReader.isNull(scalar) { return ModelEntryConfig(id: id) }
        let owner = "model '\(id.value)' of \(what)"
        guard let record = reader.record(details, owner, allowed: ["max_output_tokens", "price", "vision"]) else {
            return nil
        }
        var entry = ModelEntryConfig(id: id)
        if let cap = record["max_output_tokens"], let value = reader.int(cap.value, "max_output_tokens") {
            if value.value > 0 { entry.maxOutputTokens = value } else {
                reader.error(cap.value, "max_output_tokens must be at least 1")
            }
        }
        if let price = record["price"] {
            entry.price = PriceDecoder.decode(price.value, what: "price of \(owner)", reader: &reader)
        }
        entry.vision = record["vision"].flatMap { reader.bool($0.value, "vision of \(owner)") }
        return entry
    }

    /// `{Name: value}`; `env:NAME` values are read at start, literal values may not carry secrets.
    static func headers(_ node: Node, owner: String, reader: inout YAMLReader) -> [HeaderConfig]? {
        guard let entries = reader.mapping(node, "headers of \(owner)") else { return nil }
        let credentialHeaders = ["authorization", "x-api-key", "api-key", "proxy-authorization"]
        return entries.compactMap { entry -> HeaderConfig? in
            guard let text = reader.string(entry.value, "header '\(entry.key.value)'") else { return nil }
            if let name = ValueSyntax.envName(text.value) {
                return HeaderConfig(name: entry.key, value: Located(.env(name), at: text.location))
            }
            if credentialHeaders.contains(entry.key.value.lowercased()) {
                reader.error(entry.value, "header '\(entry.key.value)' carries a credential: write env:NAME, not a literal value")
                return nil
            }
            return HeaderConfig(name: entry.key, value: Located(.literal(text.value), at: text.location))
        }
    }

    static func oauth(_ node: Node, owner: String, reader: inout YAMLReader) -> OAuthConfig? {
        let what = "oauth of \(owner)"
        guard let record = reader.record(node, what, allowed: oauthKeys) else { return nil }
        var config = OAuthConfig(location: reader.location(of: node))
        if let entry = record["flow"] { config.flow = enumValue(entry.value, "flow of \(what)", reader: &reader) }
        config.deviceURL = record["device_url"].flatMap { reader.name($0.value, "device_url of \(what)") }
        config.authorizeURL = record["authorize_url"].flatMap { reader.name($0.value, "authorize_url of \(what)") }
        config.tokenURL = record["token_url"].flatMap { reader.name($0.value, "token_url of \(what)") }
        config.clientID = record["client_id"].flatMap { reader.name($0.value, "client_id of \(what)") }
        if let entry = record["client_secret"] {
            config.clientSecret = secret(entry.value, "client_secret of \(what)", reader: &reader)
        }
        if let entry = record["scopes"] { config.scopes = reader.strings(entry.value, "scopes of \(what)") ?? [] }
        if let entry = record["pkce"] { config.pkce = reader.bool(entry.value, "pkce of \(what)") }
        return config
    }
}
