/// A virtual model of weighted members, ordered rules and a fallback chain.
public struct ComboSpec: Sendable {
    public let name: String
    /// Member targets (indexes into ``RouteTable/targets``) with their gcd-reduced weights.
    public let members: [Member]
    /// Picks a member index by weight.
    public let picker: WeightedPicker
    /// Member indexes ordered by weight (heaviest first, then declaration order): the order in
    /// which the other members are tried after the chosen one.
    public let membersByWeight: [Int]
    /// First match wins, before the weighted choice.
    public let rules: [RuleSpec]
    /// Targets tried after every member, already flattened and free of repeats.
    public let fallback: [Int]
    /// One automaton over every keyword of every rule; nil when no rule uses keywords.
    public let keywords: KeywordAutomaton?
    public let stickiness: Stickiness

    public struct Member: Sendable, Equatable {
        public let target: Int
        public let weight: Int

        public init(target: Int, weight: Int) {
            self.target = target
            self.weight = weight
        }
    }

    /// Whether requests of one client session stay on one member.
    public enum Stickiness: String, Sendable, CaseIterable {
        case none
        case session
    }

    public init(
        name: String, members: [Member], membersByWeight: [Int], rules: [RuleSpec], fallback: [Int],
        keywords: KeywordAutomaton?, stickiness: Stickiness
    ) {
        self.name = name
        self.members = members
        self.picker = WeightedPicker(weights: members.map(\.weight))
        self.membersByWeight = membersByWeight
        self.rules = rules
        self.fallback = fallback
        self.keywords = keywords
        self.stickiness = stickiness
    }
}

/// `if: {...}` then `use: ...`.
public struct RuleSpec: Sendable {
    public let condition: RuleCondition
    public let use: ModelRef
    /// Where the rule was written (`routes.yaml:LINE`), for explanations.
    public let source: String

    public init(condition: RuleCondition, use: ModelRef, source: String) {
        self.condition = condition
        self.use = use
        self.source = source
    }
}

/// The conditions of a rule; every one that is set must hold.
public struct RuleCondition: Sendable {
    /// Keyword ids in the combo's automaton; any of them matching satisfies the condition.
    public let keywordIDs: Range<Int>?
    public let image: Bool?
    public let thinking: Bool?
    /// Tool names or server-tool types, any of which must be offered.
    public let toolsInclude: [String]
    public let inputTokensOver: Int?
    /// Glob over the inbound model name.
    public let model: Glob?

    public init(
        keywordIDs: Range<Int>? = nil, image: Bool? = nil, thinking: Bool? = nil,
        toolsInclude: [String] = [], inputTokensOver: Int? = nil, model: Glob? = nil
    ) {
        self.keywordIDs = keywordIDs
        self.image = image
        self.thinking = thinking
        self.toolsInclude = toolsInclude
        self.inputTokensOver = inputTokensOver
        self.model = model
    }
}
