/// Token counts from an OpenAI `usage` object, in Anthropic's terms.
///
/// OpenAI's `prompt_tokens` includes cached tokens, Anthropic's `input_tokens` does not: cached
/// tokens (`prompt_tokens_details.cached_tokens`, DeepSeek/SiliconFlow `prompt_cache_hit_tokens`,
/// Kimi's `cached_tokens`) become `cache_read_input_tokens` and are taken out of `input_tokens`.
struct OpenAIUsage: Equatable {
    var promptTokens = 0
    var completionTokens = 0
    var cachedTokens = 0
    var reasoningTokens: Int?

    init() {}

    init?(_ usage: JSONNode?) {
        guard let usage, usage.isObject else { return nil }
        promptTokens = usage["prompt_tokens"]?.int ?? 0
        completionTokens = usage["completion_tokens"]?.int ?? 0
        cachedTokens = usage["prompt_tokens_details"]?["cached_tokens"]?.int
            ?? usage["prompt_cache_hit_tokens"]?.int
            ?? usage["cached_tokens"]?.int
            ?? 0
        reasoningTokens = usage["completion_tokens_details"]?["reasoning_tokens"]?.int
    }

    var inputTokens: Int { max(0, promptTokens - cachedTokens) }

    /// Writes Anthropic's `usage` object.
    func writeAnthropic(into w: inout JSONWriter) {
        w.beginObject()
        w.member("input_tokens", inputTokens)
        w.member("output_tokens", max(0, completionTokens))
        w.member("cache_read_input_tokens", max(0, cachedTokens))
        w.member("cache_creation_input_tokens", 0)
        w.endObject()
    }
}
