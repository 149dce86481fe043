import RouteModel
@testable import Translators

enum TestContexts {
    static func openAI(
        _ flags: [String] = [], thinking: ProviderQuirks.ThinkingSwitch = .none, maxOutputTokens: Int? = 32_000,
        session: String? = nil
    ) -> UpstreamContext {
        UpstreamContext(
            upstreamModel: "up-model", maxOutputTokens: maxOutputTokens,
            quirks: ProviderQuirks(flags: flags, thinkingSwitch: thinking), sessionID: session,
            inboundModel: "claude-sonnet-4-5", created: 1_700_000_000
        )
    }
}

extension Array where Element == UInt8 {
    var text: String { String(decoding: self, as: UTF8.self) }
}
