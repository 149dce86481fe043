/// The routing decision for one request, with enough of the why to explain it.
public struct RouteDecision: Sendable {
    /// How the inbound model name was recognised.
    public enum Resolution: Sendable, Equatable {
        /// An alias, combo, listed target or exact route key.
        case exact(ModelRef)
        /// A glob route (index into ``RouteTable/routes``).
        case route(Int, ModelRef)
        /// `provider/model` naming a known provider and a model id the catalog does not list.
        case directTarget
    }

    /// A rule that fired, inside the named combo.
    public struct FiredRule: Sendable, Equatable {
        public let combo: Int
        public let rule: Int
        /// The keyword that satisfied the rule's `keywords`, when it had some.
        public let keyword: String?
    }

    public let requestedModel: String
    public let resolution: Resolution
    /// Every rule that fired on the way, outermost first.
    public let firedRules: [FiredRule]
    /// The weighted picks made, as (combo, member index), outermost first.
    public let picks: [ComboPick]
    /// Targets in the order they are tried; never the same target twice.
    public let attempts: [TargetSpec]

    public struct ComboPick: Sendable, Equatable {
        public let combo: Int
        public let member: Int
    }
}
