import RouteModel
import Translators

/// The attempt the request benchmarks translate for: an OpenAI-protocol provider with
/// DeepSeek's quirks, the heaviest translation Claude Code's requests get (thinking blocks go
/// back as `reasoning_content` on tool-call turns, thinking is switched by `thinking: {type}`).
enum DeepSeekLikeUpstream {
    static let model = "deepseek-v4-pro"

    static func context(inboundModel: String, sessionID: String?) -> UpstreamContext {
        UpstreamContext(
            upstreamModel: model, maxOutputTokens: 65_536,
            quirks: ProviderQuirks(flags: ["reasoning_roundtrip"], thinkingSwitch: .thinkingType),
            sessionID: sessionID, inboundModel: inboundModel
        )
    }
}
