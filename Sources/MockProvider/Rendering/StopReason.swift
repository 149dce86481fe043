/// Why a reply ended, with its name in each protocol.
enum StopReason: Sendable {
    case endTurn
    case toolUse
    case maxTokens
    case stopSequence

    /// Parses an Anthropic `stop_reason` or an OpenAI `finish_reason`; `nil` when unknown.
    init?(name: String) {
        switch name {
        case "end_turn", "stop": self = .endTurn
        case "tool_use", "tool_calls", "function_call": self = .toolUse
        case "max_tokens", "length": self = .maxTokens
        case "stop_sequence": self = .stopSequence
        default: return nil
        }
    }

    var anthropicName: String {
        switch self {
        case .endTurn: return "end_turn"
        case .toolUse: return "tool_use"
        case .maxTokens: return "max_tokens"
        case .stopSequence: return "stop_sequence"
        }
    }

    var openAIName: String {
        switch self {
        case .endTurn, .stopSequence: return "stop"
        case .toolUse: return "tool_calls"
        case .maxTokens: return "length"
        }
    }
}
