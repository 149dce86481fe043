/// Which upstream answers move on to the next attempt, per DESIGN's fallback semantics.
enum FailureClassifier {
    /// Timeouts, rate limits, server errors, overload, and the provider refusing the router's
    /// credentials are the provider's problem: another attempt may succeed. Client errors
    /// (400, 404, 413, 422, ...) would fail the same way anywhere, except a 400 saying the
    /// prompt is longer than the model's context: another model may have a longer one.
    static func isRetryable(status: Int, errorType: String?, message: String) -> Bool {
        switch status {
        case 401, 403, 408, 429: true
        case 500...599: true
        case 400: isContextTooLong(errorType: errorType, message: message)
        default: false
        }
    }

    /// How the failure counts against the (provider, model, key) that produced it.
    static func scope(status: Int) -> AttemptFailure.Scope {
        switch status {
        case 401, 403: .key
        case 429: .keyAndModel
        default: .target
        }
    }

    /// Providers word it differently: Anthropic "prompt is too long: N tokens > M maximum",
    /// OpenAI `context_length_exceeded` / "maximum context length is N tokens", others
    /// "exceeds the model's context window" or "input is too long".
    static func isContextTooLong(errorType: String?, message: String) -> Bool {
        if errorType == "context_length_exceeded" { return true }
        let text = message.lowercased()
        let phrases = [
            "prompt is too long", "context_length_exceeded", "maximum context length", "context length",
            "context window", "input is too long",
        ]
        return phrases.contains { text.contains($0) }
    }
}
