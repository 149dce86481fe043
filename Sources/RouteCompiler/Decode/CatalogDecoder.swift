import Yams

/// Decodes `catalog.yaml`: `version: 1` and `presets: {id: {protocol, base_url, auth, ...}}`.
enum CatalogDecoder {
    static func decode(_ root: Node, reader: inout YAMLReader) -> CatalogConfig {
        var catalog = CatalogConfig()
        guard let record = reader.record(root, "the catalog", allowed: ["version", "presets"]) else { return catalog }
        guard let presets = record["presets"], let entries = reader.mapping(presets.value, "presets") else {
            reader.error(root, "the catalog needs presets:")
            return catalog
        }
        for entry in entries {
            let owner = "preset '\(entry.key.value)'"
            guard let fields = reader.record(entry.value, owner, allowed: ProviderFieldsDecoder.presetKeys) else { continue }
            let decoded = ProviderFieldsDecoder.decode(fields, owner: owner, reader: &reader)
            for (key, value) in [("protocol", decoded.wireProtocol != nil), ("base_url", decoded.baseURL != nil), ("auth", decoded.auth != nil)]
            where !value && fields[key] == nil {
                reader.error(entry.value, "\(owner) needs \(key):")
            }
            catalog.presets.append(PresetConfig(id: entry.key, fields: decoded))
        }
        return catalog
    }
}
