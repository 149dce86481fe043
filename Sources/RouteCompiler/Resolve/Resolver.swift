import RouteModel

/// Turns the typed configuration and catalog into a ``ResolvedTable``, collecting every problem.
struct Resolver {
    let catalog: CatalogConfig
    let config: RoutesConfig

    func resolve(inputsSHA256: String, sources: [String], diagnostics: inout DiagnosticBag) -> ResolvedTable {
        let providerResolver = ProviderResolver(catalog: catalog)
        let providers = config.providers.compactMap { providerResolver.resolve($0, diagnostics: &diagnostics) }

        var models = ModelResolver(models: config.models, interner: TargetInterner(providers: providers), diagnostics: diagnostics)
        let (aliases, combos) = models.resolveModels()

        var routes: [RouteSpec] = []
        var routeNames: [ResolvedTable.ExactName] = []
        let modelNames = Set(models.modelNames)
        for route in config.routes {
            guard let ref = models.reference(route.ref, context: "route '\(route.pattern.value)'") else { continue }
            let glob = Glob(route.pattern.value)
            if glob.isLiteral {
                routeNames.append(.init(name: route.pattern.value, ref: ref))
            } else {
                routes.append(RouteSpec(pattern: glob, ref: ref))
            }
        }
        let targets = models.interner.targets
        diagnostics = models.diagnostics
        for route in config.routes where modelNames.contains(route.pattern.value) {
            diagnostics.warning(route.pattern.location, "route '\(route.pattern.value)' is never used: it is itself the name of a model")
        }
        Reachability.reportShadowedRoutes(config.routes, diagnostics: &diagnostics)

        return ResolvedTable(
            inputsSHA256: inputsSHA256, sources: sources, providers: providers, targets: targets, aliases: aliases,
            combos: combos, routes: routes,
            exactNames: Self.exactNames(aliases: aliases, combos: combos, targets: targets, routeNames: routeNames),
            clients: resolveClients(diagnostics: &diagnostics), limits: resolveLimits()
        )
    }

    /// Models first, then targets, then literal route keys; the first claim on a name wins.
    private static func exactNames(
        aliases: [AliasSpec], combos: [ComboSpec], targets: [TargetSpec], routeNames: [ResolvedTable.ExactName]
    ) -> [ResolvedTable.ExactName] {
        var claimed = Set<String>()
        var names: [ResolvedTable.ExactName] = []
        let candidates = aliases.enumerated().map { ResolvedTable.ExactName(name: $1.name, ref: .alias($0)) }
            + combos.enumerated().map { ResolvedTable.ExactName(name: $1.name, ref: .combo($0)) }
            + targets.enumerated().map { ResolvedTable.ExactName(name: $1.name, ref: .target($0)) }
            + routeNames
        for candidate in candidates where claimed.insert(candidate.name).inserted {
            names.append(candidate)
        }
        return names.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
    }

    private func resolveClients(diagnostics: inout DiagnosticBag) -> [ClientSpec] {
        var clients: [ClientSpec] = []
        var names = Set<String>()
        var hashes = Set<[UInt8]>()
        for client in config.clients {
            if !names.insert(client.name.value).inserted {
                diagnostics.error(client.name.location, "duplicate client name '\(client.name.value)'")
                continue
            }
            if !hashes.insert(client.keySHA256.value).inserted {
                diagnostics.error(client.keySHA256.location, "client '\(client.name.value)' has the same key_sha256 as an earlier client")
                continue
            }
            clients.append(ClientSpec(
                name: client.name.value, keySHA256: client.keySHA256.value, rpm: client.rpm?.value, tpm: client.tpm?.value,
                maxConcurrent: client.maxConcurrent?.value, models: (client.models?.map(\.value) ?? ["*"]).map(Glob.init),
                admin: client.admin?.value ?? false, budget: client.budget
            ))
        }
        return clients
    }

    private func resolveLimits() -> RouterLimits {
        let given = config.limits
        let defaults = RouterLimits()
        return RouterLimits(
            connectTimeoutMS: given.connectTimeoutMS?.value ?? defaults.connectTimeoutMS,
            firstByteTimeoutMS: given.firstByteTimeoutMS?.value ?? defaults.firstByteTimeoutMS,
            idleTimeoutMS: given.idleTimeoutMS?.value ?? defaults.idleTimeoutMS,
            requestTimeoutMS: given.requestTimeoutMS?.value ?? defaults.requestTimeoutMS,
            maxAttempts: given.maxAttempts?.value ?? defaults.maxAttempts,
            retryBackoffMS: given.retryBackoffMS?.value ?? defaults.retryBackoffMS,
            cooldownAfterFailures: given.cooldownAfterFailures?.value ?? defaults.cooldownAfterFailures,
            cooldownMS: given.cooldownMS?.value ?? defaults.cooldownMS,
            maxBodyBytes: given.maxBodyBytes?.value ?? defaults.maxBodyBytes,
            shutdownGraceMS: given.shutdownGraceMS?.value ?? defaults.shutdownGraceMS,
            headerTimeoutMS: given.headerTimeoutMS?.value ?? defaults.headerTimeoutMS,
            bodyTimeoutMS: given.bodyTimeoutMS?.value ?? defaults.bodyTimeoutMS,
            maxHeaderBytes: given.maxHeaderBytes?.value ?? defaults.maxHeaderBytes,
            maxHeaderCount: given.maxHeaderCount?.value ?? defaults.maxHeaderCount
        )
    }
}
