/// What one attempt presents to its provider, chosen by the attempt loop: a key of the pool,
/// an OAuth access token, or nothing (`auth: none`).
struct UpstreamCredential: Sendable {
    /// The key's position in the provider's pool (cooldowns are kept per slot); 0 for OAuth and
    /// for providers without auth.
    let slot: Int
    /// The key or access token; nil for `auth: none`.
    let secret: String?
    /// An OAuth account's own API base (qwen-code's `resource_url`), replacing the configured one.
    var baseURL: String?
}
