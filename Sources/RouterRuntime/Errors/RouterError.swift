import RouteModel

/// Everything that can go wrong on the request path, typed so that ``ErrorRendering`` can turn
/// each case into one HTTP status and one error object in the caller's own format.
enum RouterError: Error, Sendable {
    /// No client key, or a key that matches no configured client.
    case unauthenticated(reason: String)
    /// The client is known but may not use this model.
    case modelForbidden(model: String, client: String)
    /// The client is known but the endpoint is for admin clients (`admin: true`) only.
    case adminRequired(client: String)
    /// A state-changing admin request without the session's CSRF token (or, in the open
    /// loopback mode, posted by a page of another site).
    case csrfRejected
    /// No endpoint at this path (or not with this method).
    case noSuchEndpoint(method: String, path: String)
    /// Nothing in the compiled table knows this model name.
    case unknownModel(String)
    /// The body is not JSON at all.
    case malformedJSON(detail: String)
    /// The body is JSON but not the shape the endpoint expects.
    case invalidRequest(String)
    /// The request carries an image and no target of its attempt list can read one: the
    /// `provider/model` names of the text-only targets it would have gone to.
    case imageNotSupported(targets: [String])
    /// The body is larger than `limits.maxBodyBytes`.
    case bodyTooLarge(limit: Int)
    /// The body's `Content-Encoding` is not one the router decodes.
    case unsupportedContentEncoding(String)
    /// The body claims an encoding its bytes do not decode with.
    case undecodableBody(encoding: String, detail: String)
    /// The body repeats an object key: the router and the upstream could read different values.
    case duplicateKey(key: String, offset: Int)
    /// The client stopped sending its request body for longer than `limits.bodyTimeoutMS`.
    case requestBodyTimeout(afterMS: Int)
    /// The upstream could not be reached (refused, reset, DNS, TLS) before answering.
    case upstreamUnreachable(target: String, detail: String)
    /// The upstream did not answer in time.
    case upstreamTimeout(target: String, phase: TimeoutPhase)
    /// The upstream answered with an error status; passed on with its status and message.
    case upstreamFailed(target: String, status: Int, errorType: String?, message: String)
    /// The upstream answered 2xx with a body that is not a response of its protocol.
    case upstreamUnreadable(target: String, detail: String)
    /// The upstream's stream broke, stalled or ended early after the client got bytes.
    case upstreamStreamBroken(target: String, detail: String)
    /// The upstream's 200 stream opened with an error event.
    case upstreamStreamError(target: String, errorType: String?, message: String)
    /// The provider has no usable credentials: names of the environment variables to set.
    case missingCredentials(provider: String, envNames: [String])
    /// No target of the request's attempt list had credentials: every variable, and every OAuth
    /// provider to log in to, that would let one of them serve (any one is enough).
    case noCredentials(envNames: [String], logins: [String])
    /// Every candidate (provider, model, key) is cooling down after failures; the earliest
    /// clears in `retryAfterSeconds`.
    case allTargetsCooling(retryAfterSeconds: Int)
    /// A client or provider limit refused the request.
    case rateLimited(RateLimitRejection)
    /// The client's daily or monthly budget was already spent when the request started.
    case budgetExceeded(BudgetRefusal)
    /// A bug or an impossible state; the message is safe to show.
    case internalFailure(String)
    /// The client closed its connection before the answer was ready; nobody reads this one,
    /// but the log and the usage record do.
    case clientClosedRequest

    /// Seconds for a `Retry-After` header on the error response, when waiting helps.
    var retryAfterSeconds: Int? {
        switch self {
        case .allTargetsCooling(let seconds): seconds
        case .rateLimited(let rejection): rejection.retryAfterSeconds
        case .budgetExceeded(let refusal): refusal.retryAfterSeconds
        default: nil
        }
    }

    /// Which wait ran out.
    enum TimeoutPhase: String, Sendable {
        case connect
        case firstByte = "first byte"
        case idle = "idle between chunks"
    }
}
