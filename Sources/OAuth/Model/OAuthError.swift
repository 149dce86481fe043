/// Everything that can go wrong in the OAuth client. Descriptions name providers, accounts,
/// endpoints and OAuth error codes, never a token, code, verifier or secret.
public enum OAuthError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The provider is not in the table or has no `oauth:` section.
    case notConfigured(provider: String)
    /// Nobody has logged in to the provider yet.
    case noAccount(provider: String)
    /// Every account of the provider needs a new login.
    case needsLogin(provider: String)
    /// The token endpoint answered with an OAuth error (`invalid_grant`, `invalid_client`, …).
    case grantRejected(code: String, status: Int)
    /// The user declined the authorization (`access_denied`).
    case accessDenied
    /// The device code or authorization request expired before the user approved it.
    case expired
    /// An endpoint answered with something that is not a usable OAuth response.
    case badResponse(endpoint: String, status: Int, reason: String)
    /// The endpoint could not be reached.
    case transport(endpoint: String, reason: String)
    /// The client secret's environment variable is unset.
    case missingClientSecret(env: String)
    /// The flow needs a URL the provider's configuration lacks.
    case missingEndpoint(String)
    /// The token store could not read or write a file.
    case store(path: String, reason: String)
    /// `ROUTER_SECRET_KEY` or the key file is not a 32-byte key.
    case invalidSecretKey(reason: String)
    /// The login flow was cancelled before it finished.
    case cancelled

    /// Whether the account behind the failure must log in again.
    public var requiresLogin: Bool {
        switch self {
        case .grantRejected(let code, _): code == "invalid_grant"
        case .needsLogin, .noAccount: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .notConfigured(let provider): "provider '\(provider)' has no OAuth configuration"
        case .noAccount(let provider): "no OAuth account for '\(provider)': run `claude-router login \(provider)`"
        case .needsLogin(let provider): "every OAuth account of '\(provider)' needs a new login: run `claude-router login \(provider)`"
        case .grantRejected(let code, let status): "token endpoint refused the grant: \(code) (HTTP \(status))"
        case .accessDenied: "the authorization was denied"
        case .expired: "the authorization request expired before it was approved"
        case .badResponse(let endpoint, let status, let reason): "unexpected answer from \(endpoint) (HTTP \(status)): \(reason)"
        case .transport(let endpoint, let reason): "could not reach \(endpoint): \(reason)"
        case .missingClientSecret(let env): "client secret variable \(env) is not set"
        case .missingEndpoint(let what): "the OAuth configuration has no \(what)"
        case .store(let path, let reason): "token store \(path): \(reason)"
        case .invalidSecretKey(let reason): "token store key: \(reason)"
        case .cancelled: "the login was cancelled"
        }
    }
}
