/// OpenAI `finish_reason` ⇄ Anthropic `stop_reason`.
enum StopReasonMapping {
    /// stop→end_turn, length→max_tokens, tool_calls→tool_use, content_filter→refusal. A turn that
    /// produced tool calls is `tool_use` whatever the upstream said (some say `stop`), because
    /// that is what makes the client run them.
    static func anthropic(finishReason: String?, hasToolCalls: Bool) -> String {
        if hasToolCalls { return "tool_use" }
        switch finishReason {
        case "length": return "max_tokens"
        case "tool_calls", "function_call": return "tool_use"
        case "content_filter", "sensitive": return "refusal"
        default: return "end_turn"
        }
    }

    /// end_turn/stop_sequence→stop, max_tokens→length, tool_use→tool_calls, refusal→content_filter.
    static func openAI(stopReason: String?) -> String {
        switch stopReason {
        case "max_tokens", "model_context_window_exceeded": return "length"
        case "tool_use": return "tool_calls"
        case "refusal": return "content_filter"
        default: return "stop"
        }
    }
}
