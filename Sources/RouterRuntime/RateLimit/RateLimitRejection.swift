/// Why a request was refused by a limit, and when the caller may try again. The request path
/// answers 429 in the caller's format with `Retry-After: retryAfterSeconds`.
public struct RateLimitRejection: Sendable, Equatable, Error {
    public enum Limit: String, Sendable, Equatable {
        /// `rpm`: requests per minute.
        case requestsPerMinute = "requests_per_minute"
        /// `tpm`: tokens per minute, charged after each response.
        case tokensPerMinute = "tokens_per_minute"
        /// `max_concurrent`: requests in flight at once.
        case concurrentRequests = "concurrent_requests"
        /// A provider's `max_concurrency`.
        case providerConcurrency = "provider_concurrency"
    }

    public let limit: Limit
    /// The configured value that was reached.
    public let configured: Int
    /// Seconds until a retry can succeed; at least 1. For concurrency limits, which free up
    /// when some other request ends, it is 1.
    public let retryAfterSeconds: Int
    /// Who hit it: the client name, or the provider name for provider caps.
    public let subject: String

    /// A sentence for the error body.
    public var message: String {
        switch limit {
        case .requestsPerMinute:
            "Client '\(subject)' exceeded \(configured) requests per minute; retry after \(retryAfterSeconds) s."
        case .tokensPerMinute:
            "Client '\(subject)' exceeded \(configured) tokens per minute; retry after \(retryAfterSeconds) s."
        case .concurrentRequests:
            "Client '\(subject)' already has \(configured) requests in flight; retry after \(retryAfterSeconds) s."
        case .providerConcurrency:
            "Provider '\(subject)' already has \(configured) requests in flight; retry after \(retryAfterSeconds) s."
        }
    }
}
