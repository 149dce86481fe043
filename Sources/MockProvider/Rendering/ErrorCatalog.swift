/// The error types each protocol uses for a status, and the other way round, so a step may give
/// only one of them.
enum ErrorCatalog {
    /// The status that goes with an Anthropic (or OpenAI-style) error type; 500 when unknown.
    static func status(forType type: String?) -> Int {
        switch type {
        case "invalid_request_error": return 400
        case "authentication_error": return 401
        case "permission_error": return 403
        case "not_found_error": return 404
        case "request_too_large": return 413
        case "rate_limit_error", "rate_limit_exceeded", "insufficient_quota": return 429
        case "overloaded_error": return 529
        case "timeout_error": return 504
        default: return 500
        }
    }

    /// Anthropic's error type for `status`.
    static func anthropicType(forStatus status: Int) -> String {
        switch status {
        case 400: return "invalid_request_error"
        case 401: return "authentication_error"
        case 403: return "permission_error"
        case 404: return "not_found_error"
        case 413: return "request_too_large"
        case 429: return "rate_limit_error"
        case 529: return "overloaded_error"
        case 504: return "timeout_error"
        default: return "api_error"
        }
    }

    /// OpenAI's error type for `status`.
    static func openAIType(forStatus status: Int) -> String {
        switch status {
        case 400, 404, 413: return "invalid_request_error"
        case 401: return "authentication_error"
        case 403: return "permission_error"
        case 429: return "rate_limit_error"
        default: return "server_error"
        }
    }
}
