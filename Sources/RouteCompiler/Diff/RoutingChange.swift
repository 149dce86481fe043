/// One thing a routes edit changes about routing, in a sentence a reviewer can check.
///
/// Produced by ``RoutingDiff/between(old:new:probeNames:)``; rendered by ``RoutingDiff/words(_:)``
/// and ``RoutingDiff/markdown(_:)``. Names in ``summary`` are wrapped in backticks.
public struct RoutingChange: Sendable, Equatable {
    /// The part of the table a change is about; also the order in which changes are listed.
    public enum Section: String, Sendable, CaseIterable, Comparable {
        /// Routes (glob and exact) and aliases: which name resolves to what.
        case names
        /// Combos: members and their shares, rules, fallback chains, stickiness.
        case combos
        /// Providers and the models they serve, including what their catalog presets bring.
        case providers
        /// Clients and their limits (never their key hashes).
        case clients
        /// The router's timeouts, retries, cooldowns and size limits.
        case limits

        /// The heading a renderer prints above the section's changes.
        public var title: String {
            switch self {
            case .names: "Routes and aliases"
            case .combos: "Combos"
            case .providers: "Providers and models"
            case .clients: "Clients"
            case .limits: "Limits"
            }
        }

        private var rank: Int {
            switch self {
            case .names: 0
            case .combos: 1
            case .providers: 2
            case .clients: 3
            case .limits: 4
            }
        }

        public static func < (lhs: Section, rhs: Section) -> Bool { lhs.rank < rhs.rank }
    }

    /// What happened to the subject.
    public enum Kind: String, Sendable, CaseIterable {
        case added, removed, changed, renamed, reordered
    }

    public let section: Section
    public let kind: Kind
    /// The name the change is about: a route pattern, alias, combo, provider, client or limit.
    public let subject: String
    /// One sentence, e.g. "`fast` now resolves to `ds/deepseek-chat` (was `glm/glm-4.5-air`)".
    public let summary: String

    public init(section: Section, kind: Kind, subject: String, summary: String) {
        self.section = section
        self.kind = kind
        self.subject = subject
        self.summary = summary
    }
}
