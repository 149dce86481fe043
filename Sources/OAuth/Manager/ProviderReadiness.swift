/// Whether requests to a provider can get a token at all.
public enum ProviderReadiness: String, Sendable, Equatable {
    /// At least one account is usable.
    case ready
    /// Accounts exist but every one needs a new login.
    case needsLogin = "needs-login"
    /// Nobody has logged in.
    case noAccount = "no-account"
}
