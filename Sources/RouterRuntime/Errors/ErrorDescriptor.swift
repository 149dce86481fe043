/// The status and wording of an error, independent of the wire format it is rendered in.
struct ErrorDescriptor: Sendable, Equatable {
    let status: Int
    /// Anthropic's `error.type` vocabulary (`invalid_request_error`, `api_error`, ...).
    let anthropicType: String
    /// OpenAI's `error.type` vocabulary.
    let openAIType: String
    /// OpenAI's `error.code`: a stable machine-readable reason, or nil.
    let code: String?
    let message: String
}

extension RouterError {
    /// The one place that decides status codes and error types for every failure.
    var descriptor: ErrorDescriptor {
        switch self {
        case .unauthenticated(let reason):
            return .init(status: 401, anthropicType: "authentication_error", openAIType: "invalid_request_error",
                         code: "invalid_api_key", message: reason)
        case .modelForbidden(let model, let client):
            return .init(status: 403, anthropicType: "permission_error", openAIType: "permission_error",
                         code: "model_not_allowed",
                         message: "client '\(client)' may not use model '\(model)'; GET /v1/models lists the models it may use")
        case .adminRequired(let client):
            return .init(status: 403, anthropicType: "permission_error", openAIType: "permission_error",
                         code: "admin_required",
                         message: "client '\(client)' is not an admin: the dashboard, /v1/admin/… and OAuth logins need a client with admin: true")
        case .csrfRejected:
            return .init(status: 403, anthropicType: "permission_error", openAIType: "permission_error",
                         code: "csrf_failed",
                         message: "this request changes state and needs the page's CSRF token (x-csrf-token header or csrf form field); reload the page")
        case .noSuchEndpoint(let method, let path):
            return .init(status: 404, anthropicType: "not_found_error", openAIType: "invalid_request_error",
                         code: "unknown_url", message: "no endpoint \(method) \(path)")
        case .unknownModel(let model):
            return .init(status: 404, anthropicType: "not_found_error", openAIType: "invalid_request_error",
                         code: "model_not_found",
                         message: "unknown model '\(model)'; GET /v1/models lists the models you may use")
        case .malformedJSON(let detail):
            return .init(status: 400, anthropicType: "invalid_request_error", openAIType: "invalid_request_error",
                         code: "invalid_json", message: "request body is not valid JSON: \(detail)")
        case .invalidRequest(let message):
            return .init(status: 400, anthropicType: "invalid_request_error", openAIType: "invalid_request_error",
                         code: "invalid_request", message: message)
        case .imageNotSupported(let targets):
            return .init(status: 400, anthropicType: "invalid_request_error", openAIType: "invalid_request_error",
                         code: "image_not_supported",
                         message: "the request carries an image but \(targets.joined(separator: ", ")) cannot see images (vision: false); "
                            + "add a rule `if: {image: true}` that uses a vision-capable model, or send the request to one")
        case .bodyTooLarge(let limit):
            return .init(status: 413, anthropicType: "request_too_large", openAIType: "invalid_request_error",
                         code: "request_too_large", message: "request body exceeds the router's limit of \(limit) bytes")
        case .unsupportedContentEncoding(let encoding):
            return .init(status: 415, anthropicType: "invalid_request_error", openAIType: "invalid_request_error",
                         code: "unsupported_content_encoding",
                         message: "Content-Encoding '\(encoding)' is not supported; send gzip, deflate or an uncompressed body")
        case .undecodableBody(let encoding, let detail):
            return .init(status: 400, anthropicType: "invalid_request_error", openAIType: "invalid_request_error",
                         code: "invalid_content_encoding", message: "request body is not valid \(encoding) data: \(detail)")
        case .duplicateKey(let key, let offset):
            return .init(status: 400, anthropicType: "invalid_request_error", openAIType: "invalid_request_error",
                         code: "duplicate_key",
                         message: "request body repeats the key '\(key)' (second occurrence at byte \(offset)); each key may appear once per object")
        case .requestBodyTimeout(let afterMS):
            return .init(status: 408, anthropicType: "timeout_error", openAIType: "invalid_request_error",
                         code: "request_timeout", message: "the request body stalled: nothing arrived for \(afterMS) ms")
        case .upstreamUnreachable(let target, let detail):
            return .init(status: 502, anthropicType: "api_error", openAIType: "server_error",
                         code: "upstream_unreachable", message: "\(target) could not be reached: \(detail)")
        case .upstreamTimeout(let target, let phase):
            return .init(status: 504, anthropicType: "timeout_error", openAIType: "server_error",
                         code: "upstream_timeout", message: "\(target) timed out (\(phase.rawValue))")
        case .upstreamFailed(let target, let status, let errorType, let message):
            return Self.upstreamDescriptor(target: target, status: status, errorType: errorType, message: message)
        case .upstreamUnreadable(let target, let detail):
            return .init(status: 502, anthropicType: "api_error", openAIType: "server_error",
                         code: "upstream_unreadable", message: "\(target) answered with a body the router cannot read: \(detail)")
        case .upstreamStreamBroken(let target, let detail):
            return .init(status: 502, anthropicType: "api_error", openAIType: "server_error",
                         code: "upstream_stream_broken", message: "\(target) stream broke: \(detail)")
        case .upstreamStreamError(let target, let errorType, let message):
            let overloaded = errorType == "overloaded_error"
            return .init(status: overloaded ? 529 : 502, anthropicType: errorType ?? "api_error",
                         openAIType: "server_error", code: "upstream_stream_error",
                         message: "\(target) stream failed: \(message)")
        case .missingCredentials(let provider, let envNames):
            let names = envNames.isEmpty ? "an OAuth login (claude-router login \(provider))" : envNames.joined(separator: ", ")
            return .init(status: 503, anthropicType: "api_error", openAIType: "server_error",
                         code: "missing_credentials", message: "provider '\(provider)' has no credentials: set \(names)")
        case .noCredentials(let envNames, let logins):
            let ways = envNames.map { "set \($0)" } + logins.map { "run `claude-router login \($0)`" }
            return .init(status: 503, anthropicType: "api_error", openAIType: "server_error", code: "missing_credentials",
                         message: "no provider this model can use has credentials; any one of these would serve it: \(ways.joined(separator: "; "))")
        case .allTargetsCooling(let seconds):
            return .init(status: 503, anthropicType: "overloaded_error", openAIType: "server_error",
                         code: "all_targets_cooling",
                         message: "every provider this model can use is cooling down after failures; the first clears in \(seconds) s")
        case .rateLimited(let rejection):
            return .init(status: 429, anthropicType: "rate_limit_error", openAIType: "rate_limit_error",
                         code: rejection.limit.rawValue, message: rejection.message)
        case .budgetExceeded(let refusal):
            return .init(status: 429, anthropicType: "rate_limit_error", openAIType: "rate_limit_error",
                         code: "budget_exceeded", message: refusal.message)
        case .internalFailure(let message):
            return .init(status: 500, anthropicType: "api_error", openAIType: "server_error",
                         code: "internal_error", message: message)
        case .clientClosedRequest:
            // 499: nginx's "client closed request", the convention logs and dashboards know.
            return .init(status: 499, anthropicType: "api_error", openAIType: "server_error",
                         code: "client_closed_request", message: "the client closed the connection before the answer was ready")
        }
    }

    /// Upstream errors keep their status, except the provider refusing the router's own
    /// credentials: that is the operator's problem, and a 401 would make the client doubt its key.
    private static func upstreamDescriptor(target: String, status: Int, errorType: String?, message: String) -> ErrorDescriptor {
        if status == 401 || status == 403 {
            return .init(status: 502, anthropicType: "api_error", openAIType: "server_error",
                         code: "upstream_auth_failed",
                         message: "\(target) rejected the router's credentials (HTTP \(status)): \(message)")
        }
        let anthropicType: String
        let openAIType: String
        switch status {
        case 400, 422: (anthropicType, openAIType) = ("invalid_request_error", "invalid_request_error")
        case 404: (anthropicType, openAIType) = ("not_found_error", "invalid_request_error")
        case 413: (anthropicType, openAIType) = ("request_too_large", "invalid_request_error")
        case 429: (anthropicType, openAIType) = ("rate_limit_error", "rate_limit_error")
        case 529: (anthropicType, openAIType) = ("overloaded_error", "server_error")
        case 504: (anthropicType, openAIType) = ("timeout_error", "server_error")
        default: (anthropicType, openAIType) = ("api_error", "server_error")
        }
        return .init(status: status, anthropicType: errorType ?? anthropicType, openAIType: errorType ?? openAIType,
                     code: "upstream_\(status)", message: "\(target): \(message)")
    }
}
