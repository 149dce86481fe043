/// The compiled routing table: everything `routes.yaml` and the catalog say, resolved to
/// indexes, with name lookups done by generated `switch` statements instead of dictionaries.
public struct RouteTable: Sendable {
    /// SHA-256 over the compiler's inputs, as written in the generated header.
    public let inputsSHA256: String
    public let providers: [ProviderSpec]
    public let targets: [TargetSpec]
    public let aliases: [AliasSpec]
    public let combos: [ComboSpec]
    /// Glob routes in file order; exact routes are part of `resolveExact`.
    public let routes: [RouteSpec]
    public let clients: [ClientSpec]
    public let limits: RouterLimits
    /// Exact names: aliases, combos, listed targets and exact route keys.
    public let resolveExact: @Sendable (String) -> ModelRef?
    /// Provider names to indexes, for `provider/any-model` requests.
    public let providerIndex: @Sendable (Substring) -> Int?

    public init(
        inputsSHA256: String, providers: [ProviderSpec], targets: [TargetSpec], aliases: [AliasSpec],
        combos: [ComboSpec], routes: [RouteSpec], clients: [ClientSpec], limits: RouterLimits,
        resolveExact: @escaping @Sendable (String) -> ModelRef?,
        providerIndex: @escaping @Sendable (Substring) -> Int?
    ) {
        self.inputsSHA256 = inputsSHA256
        self.providers = providers
        self.targets = targets
        self.aliases = aliases
        self.combos = combos
        self.routes = routes
        self.clients = clients
        self.limits = limits
        self.resolveExact = resolveExact
        self.providerIndex = providerIndex
    }

    /// The display name of a reference.
    public func name(of ref: ModelRef) -> String {
        switch ref {
        case .target(let index): targets[index].name
        case .alias(let index): aliases[index].name
        case .combo(let index): combos[index].name
        }
    }
}
