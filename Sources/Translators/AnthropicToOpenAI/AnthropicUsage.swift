/// Token counts from an Anthropic `usage` object, in OpenAI's terms: `prompt_tokens` counts
/// every input token, cached or not, with the cache reads also in
/// `prompt_tokens_details.cached_tokens`.
struct AnthropicUsage: Equatable {
    var inputTokens = 0
    var outputTokens = 0
    var cacheReadTokens = 0
    var cacheCreationTokens = 0

    /// Takes the fields present in `usage` (message_delta carries only some of them).
    mutating func update(_ usage: JSONNode?) {
        guard let usage, usage.isObject else { return }
        if let v = usage["input_tokens"]?.int { inputTokens = v }
        if let v = usage["output_tokens"]?.int { outputTokens = v }
        if let v = usage["cache_read_input_tokens"]?.int { cacheReadTokens = v }
        if let v = usage["cache_creation_input_tokens"]?.int { cacheCreationTokens = v }
    }

    var promptTokens: Int { max(0, inputTokens) + max(0, cacheReadTokens) + max(0, cacheCreationTokens) }

    func writeOpenAI(into w: inout JSONWriter) {
        w.beginObject()
        w.member("prompt_tokens", promptTokens)
        w.member("completion_tokens", max(0, outputTokens))
        w.member("total_tokens", promptTokens + max(0, outputTokens))
        w.key("prompt_tokens_details")
        w.beginObject()
        w.member("cached_tokens", max(0, cacheReadTokens))
        w.endObject()
        w.endObject()
    }
}
