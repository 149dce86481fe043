/// Anthropic error types for upstream failures described in OpenAI terms.
enum AnthropicErrorType {
    static func from(openAIType type: String?, code: String?) -> String {
        let words = "\(type ?? "") \(code ?? "")".lowercased()
        if words.contains("rate") || words.contains("429") || words.contains("quota") { return "rate_limit_error" }
        if words.contains("overload") || words.contains("529") || words.contains("503") { return "overloaded_error" }
        if words.contains("auth") || words.contains("401") || words.contains("key") { return "authentication_error" }
        if words.contains("permission") || words.contains("403") { return "permission_error" }
        if words.contains("invalid") || words.contains("400") { return "invalid_request_error" }
        if words.contains("not_found") || words.contains("404") { return "not_found_error" }
        return "api_error"
    }
}
