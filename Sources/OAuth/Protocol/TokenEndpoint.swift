import AsyncHTTPClient
import RouteModel
import Foundation

/// The provider's token and device endpoints: every grant the client makes.
struct TokenEndpoint: Sendable {
    let http: OAuthHTTP
    let provider: OAuthProvider

    init(client: HTTPClient, provider: OAuthProvider) {
        http = OAuthHTTP(client: client)
        self.provider = provider
    }

    private var spec: OAuthSpec { provider.spec }

    /// Client id and, when configured, secret (`client_secret_post`).
    private func clientFields() throws(OAuthError) -> [(String, String)] {
        var fields: [(String, String)] = []
        if !spec.clientID.isEmpty { fields.append(("client_id", spec.clientID)) }
        if let secret = try provider.clientSecret() { fields.append(("client_secret", secret.exposed)) }
        return fields
    }

    // MARK: authorization code

    func exchange(code: SecretValue, redirectURI: String, pkce: PKCE?) async throws(OAuthError) -> TokenSet {
        if provider.dialect == .openRouterKey {
            return try await exchangeForKey(code: code, pkce: pkce)
        }
        var fields = [("grant_type", "authorization_code"), ("code", code.exposed), ("redirect_uri", redirectURI)]
        if let pkce { fields.append(("code_verifier", pkce.verifier.exposed)) }
        fields += try clientFields()
        return try await grant(fields)
    }

    /// OpenRouter: `POST /api/v1/auth/keys {code, code_verifier, code_challenge_method}` → `{key}`.
    private func exchangeForKey(code: SecretValue, pkce: PKCE?) async throws(OAuthError) -> TokenSet {
        var body: [String: String] = ["code": code.exposed]
        if let pkce {
            body["code_verifier"] = pkce.verifier.exposed
            body["code_challenge_method"] = pkce.method
        }
        let data: Data
        do { data = try JSONEncoder().encode(body) } catch { throw .badResponse(endpoint: "request", status: 0, reason: "could not encode") }
        let reply = try await http.postJSON(spec.tokenURL, body: data)
        return try tokenSet(from: reply, previous: nil)
    }

    // MARK: device authorization grant

    func startDevice() async throws(OAuthError) -> DeviceAuthorization {
        guard let deviceURL = spec.deviceURL else { throw .missingEndpoint("device_url") }
        let pkce = spec.pkce ? PKCE() : nil
        var fields = try clientFields()
        if !spec.scopes.isEmpty { fields.append(("scope", spec.scopes.joined(separator: " "))) }
        if let pkce { fields += [("code_challenge", pkce.challenge), ("code_challenge_method", pkce.method)] }
        let reply = try await http.postForm(deviceURL, fields: fields)
        let endpoint = OAuthHTTP.displayName(of: deviceURL)
        guard (200..<300).contains(reply.status) else { throw TokenEndpoint.error(from: reply, endpoint: endpoint) }
        guard let answer = try? JSONDecoder().decode(DeviceAuthorizationResponse.self, from: reply.body) else {
            throw .badResponse(endpoint: endpoint, status: reply.status, reason: "not a device authorization response")
        }
        guard let verification = answer.verificationURI ?? answer.verificationURIComplete else {
            throw .badResponse(endpoint: endpoint, status: reply.status, reason: "no verification_uri")
        }
        return DeviceAuthorization(
            userCode: answer.userCode, verificationURI: verification, verificationURIComplete: answer.verificationURIComplete,
            expiresAt: Date().addingTimeInterval(answer.expiresIn ?? 600), interval: max(answer.interval ?? 5, 0.1),
            deviceCode: SecretValue(answer.deviceCode), pkce: pkce
        )
    }

    func pollDevice(_ device: DeviceAuthorization) async throws(OAuthError) -> DevicePollOutcome {
        var fields = [("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("device_code", device.deviceCode.exposed)]
        if let pkce = device.pkce { fields.append(("code_verifier", pkce.verifier.exposed)) }
        fields += try clientFields()
        do throws(OAuthError) {
            return .granted(try await grant(fields))
        } catch {
            switch error {
            case .grantRejected(code: "authorization_pending", _): return .pending
            case .grantRejected(code: "slow_down", _): return .slowDown
            case .grantRejected(code: "access_denied", _): throw .accessDenied
            case .grantRejected(code: "expired_token", _): throw .expired
            default: throw error
            }
        }
    }

    // MARK: refresh and client credentials

    func refresh(_ tokens: TokenSet) async throws(OAuthError) -> TokenSet {
        guard let refreshToken = tokens.refreshToken else {
            if provider.spec.flow == .clientCredentials { return try await clientCredentials() }
            throw .grantRejected(code: "invalid_grant", status: 0)
        }
        var fields = [("grant_type", "refresh_token"), ("refresh_token", refreshToken.exposed)]
        fields += try clientFields()
        return try await grant(fields, previous: tokens)
    }

    func clientCredentials() async throws(OAuthError) -> TokenSet {
        var fields = [("grant_type", "client_credentials")]
        if !spec.scopes.isEmpty { fields.append(("scope", spec.scopes.joined(separator: " "))) }
        fields += try clientFields()
        return try await grant(fields)
    }

    // MARK: answers

    private func grant(_ fields: [(String, String)], previous: TokenSet? = nil) async throws(OAuthError) -> TokenSet {
        let reply = try await http.postForm(spec.tokenURL, fields: fields)
        return try tokenSet(from: reply, previous: previous)
    }

    private func tokenSet(from reply: OAuthHTTP.Reply, previous: TokenSet?) throws(OAuthError) -> TokenSet {
        let endpoint = OAuthHTTP.displayName(of: spec.tokenURL)
        guard (200..<300).contains(reply.status) else { throw TokenEndpoint.error(from: reply, endpoint: endpoint) }
        guard let answer = try? JSONDecoder().decode(TokenResponse.self, from: reply.body),
              let tokens = answer.tokenSet(issuedAt: Date(), previous: previous)
        else {
            throw .badResponse(endpoint: endpoint, status: reply.status, reason: "no access token in the answer")
        }
        return tokens
    }

    /// An OAuth error code when the body has one (only the code: descriptions may quote input).
    static func error(from reply: OAuthHTTP.Reply, endpoint: String) -> OAuthError {
        if let answer = try? JSONDecoder().decode(OAuthErrorResponse.self, from: reply.body),
           answer.error.allSatisfy({ $0.isLetter || $0 == "_" }) {
            return .grantRejected(code: answer.error, status: reply.status)
        }
        return .badResponse(endpoint: endpoint, status: reply.status, reason: "not an OAuth error body")
    }
}
