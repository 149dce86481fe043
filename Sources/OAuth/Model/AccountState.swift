/// The health of one OAuth account, as `accounts` and `/readyz` show it.
public enum AccountState: String, Sendable, Codable, Equatable {
    /// The access token works or can be refreshed.
    case ok
    /// A refresh is in flight.
    case refreshing
    /// The refresh token was refused (`invalid_grant`) or is missing: a person must log in again.
    case needsLogin = "needs-login"
}
