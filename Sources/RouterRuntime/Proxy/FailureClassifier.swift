/// Which upstream answers move on to the next attempt, per DESIGN's fallback semantics.
enum FailureClassifier {
    /// Timeouts, rate limits, server errors, overload, and the provider refusing the router's
    /// credentials are the provider's problem: another attempt may succeed. Client errors
    /// (400, 404, 413, 422, ...) would fail the same way anywhere.
    static func isRetryable(status: Int) -> Bool {
        switch status {
        case 401, 403, 408, 429: true
        case 500...599: true
        default: false
        }
    }
}
