import Foundation
import RouteModel

/// A started authorization-code login: the URL the user opens, and what the callback must bring
/// back (`state`) and the exchange must send (`redirect_uri`, the PKCE verifier).
public struct AuthorizationRequest: Sendable, CustomStringConvertible {
    public let url: String
    /// Unguessable, single use; the callback must return exactly this.
    let state: SecretValue
    let redirectURI: String
    let pkce: PKCE?

    /// Builds the authorize URL of `provider` for a redirect to `redirectURI`.
    init(provider: OAuthProvider, redirectURI: String) throws(OAuthError) {
        guard let authorizeURL = provider.spec.authorizeURL else { throw .missingEndpoint("authorize_url") }
        let state = RandomString.make()
        let pkce = provider.spec.pkce || provider.dialect == .openRouterKey ? PKCE() : nil
        var query: [(String, String)]
        var redirect = redirectURI
        switch provider.dialect {
        case .standard:
            query = [("response_type", "code"), ("client_id", provider.spec.clientID), ("redirect_uri", redirectURI), ("state", state)]
            if !provider.spec.scopes.isEmpty { query.append(("scope", provider.spec.scopes.joined(separator: " "))) }
        case .openRouterKey:
            // OpenRouter has no `state` parameter: it rides inside the callback URL, which the
            // provider returns to unchanged with `code` appended.
            redirect = redirectURI + (redirectURI.contains("?") ? "&" : "?") + "state=" + FormURLEncoding.escape(state)
            query = [("callback_url", redirect)]
        }
        if let pkce { query += [("code_challenge", pkce.challenge), ("code_challenge_method", pkce.method)] }
        let separator = authorizeURL.contains("?") ? "&" : "?"
        url = authorizeURL + separator + FormURLEncoding.encode(query)
        self.state = SecretValue(state)
        self.redirectURI = redirect
        self.pkce = pkce
    }

    public var description: String { "AuthorizationRequest(redirect: \(redirectURI))" }
}
