/// The built-in provider catalog (`routes/catalog.yaml`): presets a provider names with
/// `preset:` so that a user supplies only a key.
struct CatalogConfig {
    var presets: [PresetConfig] = []

    func preset(named name: String) -> PresetConfig? {
        presets.first { $0.id.value == name }
    }
}

/// One preset: the same fields as a provider entry; `protocol`, `base_url` and `auth` are required.
struct PresetConfig {
    var id: Located<String>
    var fields: ProviderFields
}
