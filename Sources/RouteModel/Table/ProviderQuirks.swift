/// Behaviour differences between providers that the translators must honour.
///
/// Each flag is named after the catalog quirk string (snake_case in YAML). Flags live on the
/// provider so that translation code asks "does this upstream need X" instead of checking names.
public struct ProviderQuirks: Sendable, Equatable {
    /// How extended thinking is switched on for an OpenAI-protocol upstream.
    public enum ThinkingSwitch: String, Sendable, CaseIterable {
        case none
        /// `thinking: {type: enabled|disabled}` (GLM, DeepSeek).
        case thinkingType = "thinking_type"
        /// `enable_thinking: true` (DashScope, ModelScope, SiliconFlow).
        case enableThinking = "enable_thinking"
        /// `reasoning_effort: low|medium|high` (OpenAI).
        case reasoningEffort = "reasoning_effort"
    }

    /// The upstream rejects the next turn unless assistant tool-call turns carry their
    /// `reasoning_content` back (DeepSeek, Kimi thinking mode).
    public var reasoningRoundtrip = false
    public var thinkingSwitch = ThinkingSwitch.none
    /// MiniMax's OpenAI endpoint inlines `<think>` unless asked for `reasoning_split: true`.
    public var reasoningSplit = false
    /// GLM streams tool arguments only with `tool_stream: true`.
    public var toolStream = false
    /// DashScope with thinking on rejects `tool_choice` other than `auto`.
    public var thinkingForbidsToolChoice = false
    /// DashScope and ModelScope thinking models refuse `stream: false`.
    public var thinkingRequiresStream = false
    /// GPT-5 and o-series want `max_completion_tokens`.
    public var maxCompletionTokens = false
    /// GLM rejects `top_p >= 1`.
    public var topPBelowOne = false
    /// MiniMax wants `temperature` in (0, 1].
    public var temperatureOpenUnit = false
    /// Some local servers reject `stream_options`.
    public var noStreamOptions = false
    /// The upstream accepts OpenAI's `user` field.
    public var acceptsUser = false
    /// The upstream keys its prompt cache on `prompt_cache_key`.
    public var promptCacheKey = false
    /// An Anthropic-protocol upstream that rejects `system`-role messages inside `messages`.
    public var systemRoleRejected = false
    /// MiniMax's Anthropic endpoint accepts `tool_choice` none/auto only.
    public var toolChoiceAutoNoneOnly = false
    /// Only the real Anthropic API wants Claude Code's billing header system block.
    public var keepBillingHeader = false
    /// The upstream verifies thinking-block signatures (Anthropic does; `keep_billing_header`
    /// implies it): thinking it cannot have signed is left out of requests to it.
    public var verifiesThinkingSignatures = false
    /// DashScope searches the web with `enable_search: true` and reports its sources in
    /// `search_info`: Claude Code's WebSearch server tool is translated to it.
    public var enableSearch = false
    /// `anthropic-beta` values the upstream rejects; `*` drops them all.
    public var rejectedBetas: [String] = []

    public init() {}

    /// The boolean quirks, by the string the catalog and `routes.yaml` use, in documented order.
    nonisolated(unsafe) public static let flags: [(name: String, keyPath: WritableKeyPath<ProviderQuirks, Bool>)] = [
        ("reasoning_roundtrip", \.reasoningRoundtrip),
        ("reasoning_split", \.reasoningSplit),
        ("tool_stream", \.toolStream),
        ("thinking_forbids_tool_choice", \.thinkingForbidsToolChoice),
        ("thinking_requires_stream", \.thinkingRequiresStream),
        ("max_completion_tokens", \.maxCompletionTokens),
        ("top_p_below_one", \.topPBelowOne),
        ("temperature_open_unit", \.temperatureOpenUnit),
        ("no_stream_options", \.noStreamOptions),
        ("accepts_user", \.acceptsUser),
        ("prompt_cache_key", \.promptCacheKey),
        ("system_role_rejected", \.systemRoleRejected),
        ("tool_choice_auto_none_only", \.toolChoiceAutoNoneOnly),
        ("keep_billing_header", \.keepBillingHeader),
        ("verifies_thinking_signatures", \.verifiesThinkingSignatures),
        ("enable_search", \.enableSearch),
    ]

    /// The catalog strings of every boolean quirk.
    public static var flagNames: [String] { flags.map(\.name) }

    /// Sets the flag named by a catalog quirk string; returns false for an unknown name.
    public mutating func setFlag(named name: String) -> Bool {
        guard let flag = Self.flags.first(where: { $0.name == name }) else { return false }
        self[keyPath: flag.keyPath] = true
        return true
    }

    /// The flags that are set, as catalog strings, in documented order.
    public var setFlagNames: [String] {
        Self.flags.filter { self[keyPath: $0.keyPath] }.map(\.name)
    }

    /// Builds quirks from catalog strings; unknown names are the compiler's business.
    public init(flags: [String], thinkingSwitch: ThinkingSwitch = .none, rejectedBetas: [String] = []) {
        for flag in flags { _ = setFlag(named: flag) }
        self.thinkingSwitch = thinkingSwitch
        self.rejectedBetas = rejectedBetas
    }
}
