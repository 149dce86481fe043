import RouteModel

/// Gives every `provider/model` one index in the target list, in first-seen order.
struct TargetInterner {
    let providers: [ProviderSpec]
    private(set) var targets: [TargetSpec] = []
    private var indexByName: [String: Int] = [:]

    init(providers: [ProviderSpec]) {
        self.providers = providers
        // Every listed model of every provider is a target clients may name directly.
        for (providerIndex, provider) in providers.enumerated() {
            for model in provider.models { _ = intern(provider: providerIndex, model: model.id) }
        }
    }

    func providerIndex(named name: String) -> Int? {
        providers.firstIndex { $0.name == name }
    }

    mutating func intern(provider: Int, model: String) -> Int {
        let name = "\(providers[provider].name)/\(model)"
        if let index = indexByName[name] { return index }
        targets.append(TargetSpec(
            provider: provider, model: model, name: name,
            maxOutputTokens: providers[provider].maxOutputTokens(of: model)
        ))
        indexByName[name] = targets.count - 1
        return targets.count - 1
    }
}
