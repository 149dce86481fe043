/// What one poll of the token endpoint with a device code said.
enum DevicePollOutcome: Sendable {
    case granted(TokenSet)
    case pending
    /// Poll more slowly: RFC 8628 §3.5 says add 5 seconds to the interval.
    case slowDown
}
