import RouteModel

/// The client's `thinking` request and how the preset's switch expresses it.
struct ThinkingRequest {
    /// true: enabled or adaptive; false: disabled; nil: the client did not say.
    let requested: Bool?
    let budgetTokens: Int?
    /// `output_config.effort` (Claude Code's adaptive thinking level).
    let effort: String?

    init(_ root: JSONNode) throws(TranslationError) {
        guard let thinking = root["thinking"], !thinking.isNull else {
            requested = nil
            budgetTokens = nil
            effort = root["output_config"]?.string("effort")
            return
        }
        guard thinking.isObject, let type = thinking.string("type") else {
            throw .invalidField(path: "thinking", problem: "must be an object with a type")
        }
        switch type {
        case "enabled", "adaptive": requested = true
        case "disabled": requested = false
        default: throw .invalidField(path: "thinking.type", problem: "'\(type)' must be enabled, adaptive or disabled")
        }
        budgetTokens = thinking["budget_tokens"]?.int
        effort = root["output_config"]?.string("effort")
    }

    /// What is actually asked of the upstream: providers whose thinking models refuse
    /// `stream: false` get thinking off for a non-streaming request rather than an error.
    func effective(stream: Bool, quirks: ProviderQuirks) -> Bool? {
        if requested == true, !stream, quirks.thinkingRequiresStream { return false }
        return requested
    }

    /// OpenAI's `reasoning_effort` for this request.
    var reasoningEffort: String {
        switch effort {
        case "low", "minimal": return "low"
        case "medium": return "medium"
        case "high", "max", "xhigh": return "high"
        default: break
        }
        guard let budgetTokens else { return "medium" }
        if budgetTokens <= 4_096 { return "low" }
        if budgetTokens <= 16_384 { return "medium" }
        return "high"
    }

    func write(effective: Bool?, quirks: ProviderQuirks, into w: inout JSONWriter) {
        guard let on = effective else { return }
        switch quirks.thinkingSwitch {
        case .none:
            break
        case .thinkingType:
            w.key("thinking")
            w.beginObject()
            w.member("type", on ? "enabled" : "disabled")
            w.endObject()
        case .enableThinking:
            w.member("enable_thinking", on)
        case .reasoningEffort:
            if on { w.member("reasoning_effort", reasoningEffort) }
        }
    }
}
