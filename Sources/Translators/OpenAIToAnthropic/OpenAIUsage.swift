/// Token counts from an OpenAI `usage` object, in Anthropic's terms.
///
/// OpenAI's `prompt_tokens` includes cached tokens, Anthropic's `input_tokens` does not. Cache
/// reads come in many spellings: `prompt_tokens_details.cached_tokens` (OpenAI, Qwen, GLM,
/// OpenRouter), `prompt_cache_hit_tokens` (DeepSeek, SiliconFlow), a top-level `cached_tokens`
/// (Kimi), `cache_read_input_tokens` (gateways relaying Claude); cache writes as
/// `cache_creation_input_tokens` or `prompt_tokens_details.cache_write_tokens` (OpenRouter). The
/// first non-zero spelling of each counts once: reads become `cache_read_input_tokens`, writes
/// `cache_creation_input_tokens`, and both are taken out of `input_tokens`, unless the upstream's
/// `prompt_tokens` is smaller than them (then it already left them out).
struct OpenAIUsage: Equatable {
    var promptTokens = 0
    var completionTokens = 0
    var cachedTokens = 0
    var cacheWriteTokens = 0
    var reasoningTokens: Int?

    init() {}

    init?(_ usage: JSONNode?) {
        guard let usage, usage.isObject else { return nil }
        promptTokens = usage["prompt_tokens"]?.int ?? 0
        completionTokens = usage["completion_tokens"]?.int ?? 0
        let details = usage["prompt_tokens_details"]
        cachedTokens = Self.firstPositive([
            details?["cached_tokens"], usage["prompt_cache_hit_tokens"], usage["cached_tokens"], usage["cache_read_input_tokens"],
        ])
        cacheWriteTokens = Self.firstPositive([usage["cache_creation_input_tokens"], details?["cache_write_tokens"]])
        reasoningTokens = usage["completion_tokens_details"]?["reasoning_tokens"]?.int
    }

    private static func firstPositive(_ counts: [JSONNode?]) -> Int {
        for count in counts { if let value = count?.int, value > 0 { return value } }
        return 0
    }

    private var cacheTokens: Int { max(0, cachedTokens) + max(0, cacheWriteTokens) }

    var inputTokens: Int { promptTokens >= cacheTokens ? promptTokens - cacheTokens : max(0, promptTokens) }

    /// Writes Anthropic's `usage` object.
    func writeAnthropic(into w: inout JSONWriter) {
        w.beginObject()
        w.member("input_tokens", inputTokens)
        w.member("output_tokens", max(0, completionTokens))
        w.member("cache_read_input_tokens", max(0, cachedTokens))
        w.member("cache_creation_input_tokens", max(0, cacheWriteTokens))
        w.endObject()
    }
}
