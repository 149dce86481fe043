import Foundation
import RouteModel

/// One OAuth provider as the client uses it: the compiled `OAuthSpec` plus what the runtime
/// resolves (the client secret from its variable) and the refresh lead of its preset.
public struct OAuthProvider: Sendable {
    /// How the token endpoint speaks.
    public enum Dialect: Sendable, Equatable {
        /// RFC 6749 form posts answered with `access_token`, `expires_in`, `refresh_token`.
        case standard
        /// OpenRouter's PKCE exchange: a JSON post to `/auth/keys` answered with a long-lived
        /// `key`; the authorize URL takes `callback_url` instead of `redirect_uri`.
        case openRouterKey
    }

    public let name: String
    public let spec: OAuthSpec
    public let dialect: Dialect
    /// Refresh this long before expiry (capped at half the token's lifetime, so that
    /// short-lived tokens are not refreshed on every request).
    public let refreshLead: TimeInterval
    private let clientSecretValue: SecretValue?

    public init(name: String, spec: OAuthSpec, preset: String? = nil, environment: [String: String], refreshLead: TimeInterval? = nil) {
        self.name = name
        self.spec = spec
        dialect = (preset == "openrouter" || spec.tokenURL.hasSuffix("/auth/keys")) ? .openRouterKey : .standard
        self.refreshLead = refreshLead ?? OAuthProvider.presetLead(preset)
        clientSecretValue = spec.clientSecretEnv.flatMap { environment[$0] }.flatMap { $0.isEmpty ? nil : SecretValue($0) }
    }

    /// The OAuth providers of a compiled table (those with an `oauth:` section).
    public static func all(in table: RouteTable, environment: [String: String]) -> [OAuthProvider] {
        table.providers.compactMap { provider in
            provider.oauth.map { OAuthProvider(name: provider.name, spec: $0, preset: provider.preset, environment: environment) }
        }
    }

    /// The client secret, when the configuration names one; throws when its variable is unset.
    func clientSecret() throws(OAuthError) -> SecretValue? {
        guard let env = spec.clientSecretEnv else { return nil }
        guard let clientSecretValue else { throw .missingClientSecret(env: env) }
        return clientSecretValue
    }

    /// qwen-code's own CLI refreshes 30 s ahead; a minute suits the rest.
    static func presetLead(_ preset: String?) -> TimeInterval {
        switch preset {
        case "qwen-code": 30
        default: 60
        }
    }
}
