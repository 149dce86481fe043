import RouteModel
import Yams

/// Decodes a `routes.yaml` node tree into ``RoutesConfig``: shapes, types and known keys only;
/// names are resolved later, by ``Resolver``.
struct RoutesDecoder {
    static let topLevelKeys = ["version", "providers", "models", "routes", "clients", "limits"]

    static func decode(_ root: Node, reader: inout YAMLReader) -> RoutesConfig {
        var config = RoutesConfig()
        guard let record = reader.record(root, "the top level", allowed: topLevelKeys) else { return config }
        if let entry = record["version"], let version = reader.int(entry.value, "version") {
            if version.value != 1 { reader.error(entry.value, "version \(version.value) is not supported; this compiler reads version: 1") }
            config.version = version
        }
        if let entry = record["providers"] { config.providers = providers(entry.value, reader: &reader) }
        if let entry = record["models"] { config.models = ModelsDecoder.decode(entry.value, reader: &reader) }
        if let entry = record["routes"] { config.routes = routes(entry.value, reader: &reader) }
        if let entry = record["clients"] { config.clients = ClientsDecoder.decode(entry.value, reader: &reader) }
        if let entry = record["limits"] { config.limits = LimitsDecoder.decode(entry.value, reader: &reader) }
        return config
    }

    static func providers(_ node: Node, reader: inout YAMLReader) -> [ProviderConfig] {
        guard let entries = reader.mapping(node, "providers") else { return [] }
        return entries.compactMap { entry -> ProviderConfig? in
            let owner = "provider '\(entry.key.value)'"
            guard Names.isValidName(entry.key.value, allowingSlash: false) else {
                reader.diagnostics.error(entry.key.location, "\(owner): \(Names.rule)")
                return nil
            }
            guard let record = reader.record(entry.value, owner, allowed: ProviderFieldsDecoder.providerKeys) else {
                return nil
            }
            let preset = record["preset"].flatMap { reader.name($0.value, "preset of \(owner)") }
            let fields = ProviderFieldsDecoder.decode(record, owner: owner, reader: &reader)
            return ProviderConfig(name: entry.key, preset: preset, fields: fields)
        }
    }

    static func routes(_ node: Node, reader: inout YAMLReader) -> [RouteConfig] {
        guard let entries = reader.mapping(node, "routes") else { return [] }
        return entries.compactMap { entry -> RouteConfig? in
            guard let ref = reader.name(entry.value, "route '\(entry.key.value)'") else { return nil }
            return RouteConfig(pattern: entry.key, ref: ref)
        }
    }
}

/// What names of providers, aliases and combos may look like.
enum Names {
    static let rule = "names use letters, digits, '.', '_', '-' and ':' (no '/', which separates provider and model; no spaces)"

    static func isValidName(_ name: String, allowingSlash: Bool) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-:".unicodeScalars.contains(scalar)
                || (allowingSlash && scalar == "/")
        }
    }
}
