import RouteModel

/// Merges each provider entry with its catalog preset into a ``ProviderSpec``.
struct ProviderResolver {
    let catalog: CatalogConfig

    func resolve(_ config: ProviderConfig, diagnostics: inout DiagnosticBag) -> ProviderSpec? {
        let owner = "provider '\(config.name.value)'"
        var preset: ProviderFields?
        if let presetName = config.preset {
            guard let found = catalog.preset(named: presetName.value) else {
                diagnostics.error(
                    presetName.location,
                    "unknown preset '\(presetName.value)'\(Suggestions.hint(for: presetName.value, in: catalog.presets.map(\.id.value)))"
                )
                return nil
            }
            preset = found.fields
        }
        let own = config.fields
        guard let wireProtocol = own.wireProtocol?.value ?? preset?.wireProtocol?.value else {
            diagnostics.error(config.name.location, "\(owner) needs protocol: (anthropic or openai) or a preset:")
            return nil
        }
        guard let baseURL = own.baseURL?.value ?? preset?.baseURL?.value else {
            diagnostics.error(config.name.location, "\(owner) needs base_url: or a preset:")
            return nil
        }
        let oauthConfig = own.oauth ?? preset?.oauth
        let auth = own.auth?.value ?? (own.oauth != nil ? .oauth : nil) ?? preset?.auth?.value
            ?? (wireProtocol == .anthropic ? .xApiKey : .bearer)

        var keyEnv = (own.keys ?? []).map(\.value.envName)
        if own.keys == nil, let presetKey = preset?.keyEnv?.value { keyEnv = [presetKey] }
        var oauth: OAuthSpec?
        switch auth {
        case .xApiKey, .bearer:
            if keyEnv.isEmpty {
                diagnostics.error(config.name.location, "\(owner) needs keys: [env:NAME] (or auth: none for a local model)")
            }
        case .none:
            if let keys = own.keys, let first = keys.first {
                diagnostics.warning(first.location, "\(owner) has auth: none, so its keys are never sent")
            }
            keyEnv = []
        case .oauth:
            keyEnv = []
            guard let oauthConfig else {
                diagnostics.error(config.name.location, "\(owner) has auth: oauth but no oauth: section")
                return nil
            }
            oauth = resolveOAuth(oauthConfig, owner: owner, diagnostics: &diagnostics)
        }
        if Set(keyEnv).count != keyEnv.count, let keys = own.keys {
            diagnostics.error(keys[0].location, "\(owner) lists the same key variable twice")
        }

        return ProviderSpec(
            name: config.name.value, preset: config.preset?.value, wireProtocol: wireProtocol, baseURL: baseURL,
            auth: auth, keyEnv: keyEnv, models: mergedModels(preset: preset?.models, own: own.models),
            quirks: quirks(preset: preset, own: own), headers: headers(preset: preset?.headers, own: own.headers),
            oauth: oauth, maxConcurrency: own.maxConcurrency?.value ?? preset?.maxConcurrency?.value
        )
    }

    /// The preset's models, then the entry's own; an entry's cap, price and vision override the preset's.
    private func mergedModels(preset: [ModelEntryConfig]?, own: [ModelEntryConfig]?) -> [ModelInfo] {
        var models: [ModelInfo] = []
        for entry in (preset ?? []) + (own ?? []) {
            if let index = models.firstIndex(where: { $0.id == entry.id.value }) {
                let was = models[index]
                models[index] = ModelInfo(
                    id: was.id, maxOutputTokens: entry.maxOutputTokens?.value ?? was.maxOutputTokens,
                    price: entry.price ?? was.price, vision: entry.vision?.value ?? was.vision
                )
            } else {
                models.append(ModelInfo(
                    id: entry.id.value, maxOutputTokens: entry.maxOutputTokens?.value, price: entry.price,
                    vision: entry.vision?.value ?? true
                ))
            }
        }
        return models
    }

    private func quirks(preset: ProviderFields?, own: ProviderFields) -> ProviderQuirks {
        let flags = ((preset?.quirks ?? []) + (own.quirks ?? [])).map(\.value)
        var betas: [String] = []
        for beta in ((preset?.rejectBetas ?? []) + (own.rejectBetas ?? [])).map(\.value) where !betas.contains(beta) {
            betas.append(beta)
        }
        return ProviderQuirks(
            flags: flags, thinkingSwitch: own.thinking?.value ?? preset?.thinking?.value ?? .none, rejectedBetas: betas
        )
    }

    /// The preset's headers, overridden by name (case-insensitively) by the entry's own.
    private func headers(preset: [HeaderConfig]?, own: [HeaderConfig]?) -> [HeaderSpec] {
        var headers: [HeaderSpec] = []
        for header in (preset ?? []) + (own ?? []) {
            headers.removeAll { $0.name.lowercased() == header.name.value.lowercased() }
            headers.append(HeaderSpec(name: header.name.value, value: header.value.value))
        }
        return headers
    }

    private func resolveOAuth(_ config: OAuthConfig, owner: String, diagnostics: inout DiagnosticBag) -> OAuthSpec? {
        guard let flow = config.flow?.value else {
            diagnostics.error(config.location, "oauth of \(owner) needs flow: (device, authorization_code or client_credentials)")
            return nil
        }
        var missing: [String] = []
        if config.tokenURL == nil { missing.append("token_url") }
        switch flow {
        case .device:
            if config.deviceURL == nil { missing.append("device_url") }
            if config.clientID == nil { missing.append("client_id") }
        case .authorizationCode:
            if config.authorizeURL == nil { missing.append("authorize_url") }
        case .clientCredentials:
            if config.clientID == nil { missing.append("client_id") }
            if config.clientSecret == nil { missing.append("client_secret") }
        }
        for url in [config.deviceURL, config.authorizeURL, config.tokenURL].compactMap({ $0 })
        where !(url.value.hasPrefix("https://") || url.value.hasPrefix("http://")) {
            diagnostics.error(url.location, "oauth URLs must start with https:// (or http:// for loopback), found '\(url.value)'")
        }
        guard missing.isEmpty, let tokenURL = config.tokenURL else {
            diagnostics.error(config.location, "oauth of \(owner) with flow \(flow.rawValue) needs \(missing.joined(separator: ", "))")
            return nil
        }
        return OAuthSpec(
            flow: flow, deviceURL: config.deviceURL?.value, authorizeURL: config.authorizeURL?.value,
            tokenURL: tokenURL.value, clientID: config.clientID?.value ?? "",
            clientSecretEnv: config.clientSecret?.value.envName, scopes: config.scopes.map(\.value),
            pkce: config.pkce?.value ?? (flow != .clientCredentials)
        )
    }
}
