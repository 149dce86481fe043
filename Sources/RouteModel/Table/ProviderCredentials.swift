/// Which of a provider's key variables are set, so the summary, `route` and the runtime agree
/// on which targets can be used.
extension ProviderSpec {
    /// Key variables of the pool that are set to a non-empty value, in rotation order.
    public func presentKeyEnv(in environment: [String: String]) -> [String] {
        keyEnv.filter { !(environment[$0] ?? "").isEmpty }
    }

    /// Key variables of the pool that are unset or empty.
    public func missingKeyEnv(in environment: [String: String]) -> [String] {
        keyEnv.filter { (environment[$0] ?? "").isEmpty }
    }

    /// Whether static credentials allow requests: no auth needed, or at least one key set.
    /// OAuth providers depend on the token store, which this cannot see.
    public func hasStaticCredentials(in environment: [String: String]) -> Bool {
        switch auth {
        case .none: true
        case .xApiKey, .bearer: !presentKeyEnv(in: environment).isEmpty
        case .oauth: false
        }
    }
}
