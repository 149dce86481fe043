import Foundation

/// What a token endpoint granted an account, as kept in the token store.
public struct TokenSet: Sendable, Codable, Equatable, CustomStringConvertible {
    public var accessToken: SecretValue
    /// Absent for client credentials and for providers that hand out long-lived keys.
    public var refreshToken: SecretValue?
    /// When the access token stops working; nil when the grant did not say (a key).
    public var expiresAt: Date?
    /// When the tokens were granted, so that the refresh lead can be a share of the lifetime.
    public var issuedAt: Date
    public var scope: String?
    /// The API host the provider assigned to this account (qwen-code's `resource_url`).
    public var resourceURL: String?

    public init(
        accessToken: SecretValue, refreshToken: SecretValue?, expiresAt: Date?, issuedAt: Date,
        scope: String? = nil, resourceURL: String? = nil
    ) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.issuedAt = issuedAt
        self.scope = scope
        self.resourceURL = resourceURL
    }

    public var description: String {
        "TokenSet(access: <redacted>, refresh: \(refreshToken == nil ? "none" : "<redacted>"), expiresAt: \(expiresAt.map { "\($0)" } ?? "never"))"
    }
}
