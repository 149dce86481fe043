/// A concrete `provider/model` the router can send a request to.
public struct TargetSpec: Sendable, Equatable {
    /// Index into ``RouteTable/providers``.
    public let provider: Int
    /// The model id sent upstream.
    public let model: String
    /// `provider/model`, as clients and logs name it.
    public let name: String
    /// The output cap from the catalog, when known.
    public let maxOutputTokens: Int?

    public init(provider: Int, model: String, name: String, maxOutputTokens: Int?) {
        self.provider = provider
        self.model = model
        self.name = name
        self.maxOutputTokens = maxOutputTokens
    }
}

/// What a model name, a `use:` or a fallback entry points at.
public enum ModelRef: Sendable, Equatable, Hashable {
    /// Index into ``RouteTable/targets``.
    case target(Int)
    /// Index into ``RouteTable/aliases``.
    case alias(Int)
    /// Index into ``RouteTable/combos``.
    case combo(Int)
}

/// A virtual model name standing for one target.
public struct AliasSpec: Sendable, Equatable {
    public let name: String
    /// Index into ``RouteTable/targets`` (alias chains are flattened by the compiler).
    public let target: Int

    public init(name: String, target: Int) {
        self.name = name
        self.target = target
    }
}

/// A glob route from inbound model names to a model reference.
public struct RouteSpec: Sendable {
    public let pattern: Glob
    public let ref: ModelRef

    public init(pattern: Glob, ref: ModelRef) {
        self.pattern = pattern
        self.ref = ref
    }
}
