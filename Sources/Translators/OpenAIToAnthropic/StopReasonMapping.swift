/// OpenAI `finish_reason` ⇄ Anthropic `stop_reason`, so that the stop reason always describes
/// the content the client received.
enum StopReasonMapping {
    /// An Anthropic `stop_reason` with its `stop_sequence`.
    struct AnthropicStop: Equatable {
        var reason: String
        /// The stop string that matched, only with `stop_sequence`.
        var sequence: String?
    }

    /// stop→end_turn, length→max_tokens, content_filter→refusal, a reported stop string →
    /// stop_sequence. `tool_use` exactly when the turn produced tool calls, whatever the
    /// upstream said: some say `stop` after tool calls (the client would then not run them), some
    /// say `tool_calls` after none (the client would wait for a tool that does not exist).
    static func anthropic(finishReason: String?, hasToolCalls: Bool, matchedStop: String? = nil) -> AnthropicStop {
        if hasToolCalls { return AnthropicStop(reason: "tool_use") }
        switch finishReason {
        case "length": return AnthropicStop(reason: "max_tokens")
        case "content_filter", "sensitive": return AnthropicStop(reason: "refusal")
        default:
            if let matchedStop { return AnthropicStop(reason: "stop_sequence", sequence: matchedStop) }
            return AnthropicStop(reason: "end_turn")
        }
    }

    /// The stop string an OpenAI-compatible server says matched: vLLM puts it in
    /// `choices[].stop_reason` (a token id there is a number, not a stop string), SGLang in
    /// `choices[].matched_stop`.
    static func matchedStop(_ choice: JSONNode) -> String? {
        for field in ["stop_reason", "matched_stop"] {
            if let text = choice[field]?.string, !text.isEmpty { return text }
        }
        return nil
    }

    /// end_turn/stop_sequence→stop, max_tokens→length, refusal→content_filter; `tool_calls`
    /// exactly when the client was sent tool calls.
    static func openAI(stopReason: String?, hasToolCalls: Bool) -> String {
        if hasToolCalls { return "tool_calls" }
        switch stopReason {
        case "max_tokens", "model_context_window_exceeded": return "length"
        case "refusal": return "content_filter"
        default: return "stop"
        }
    }
}
