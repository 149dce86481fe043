import RouteModel

/// The routing table after every name is resolved: the values the generated Swift source
/// spells out, and that ``ResolvedTable/makeRouteTable()`` turns into a live table for tests.
public struct ResolvedTable: Sendable {
    public var inputsSHA256: String
    /// The input files, as named in diagnostics and in the generated header.
    public var sources: [String]
    public var providers: [ProviderSpec]
    public var targets: [TargetSpec]
    public var aliases: [AliasSpec]
    public var combos: [ComboSpec]
    /// Glob routes, in file order.
    public var routes: [RouteSpec]
    /// Every exact name (aliases, combos, targets, literal route keys), sorted by name.
    public var exactNames: [ExactName]
    public var clients: [ClientSpec]
    public var limits: RouterLimits

    /// An inbound model name that resolves without looking at globs.
    public struct ExactName: Sendable, Equatable {
        public let name: String
        public let ref: ModelRef
    }

    /// A live table whose name lookups use dictionaries instead of generated switches, for
    /// tests and tools that compile `routes.yaml` in process.
    public func makeRouteTable() -> RouteTable {
        let exact = Dictionary(exactNames.map { ($0.name, $0.ref) }, uniquingKeysWith: { first, _ in first })
        let providerIndexes = Dictionary(providers.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        return RouteTable(
            inputsSHA256: inputsSHA256, providers: providers, targets: targets, aliases: aliases, combos: combos,
            routes: routes, clients: clients, limits: limits,
            resolveExact: { exact[$0] },
            providerIndex: { providerIndexes[String($0)] }
        )
    }
}
