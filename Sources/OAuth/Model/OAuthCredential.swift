import Foundation

/// What the runtime needs to call a provider on behalf of an OAuth account: the bearer token and,
/// when the provider assigned one, the API base URL to use instead of the configured one.
public struct OAuthCredential: Sendable, Equatable, CustomStringConvertible {
    public let account: AccountID
    /// Goes into `Authorization: Bearer …`.
    public let accessToken: SecretValue
    public let expiresAt: Date?
    /// The base URL override from the token response (qwen-code's `resource_url`), normalised to
    /// `https://host/v1`; nil means use `ProviderSpec.baseURL`.
    public let apiBaseURL: String?

    public init(account: AccountID, accessToken: SecretValue, expiresAt: Date?, apiBaseURL: String?) {
        self.account = account
        self.accessToken = accessToken
        self.expiresAt = expiresAt
        self.apiBaseURL = apiBaseURL
    }

    init(record: AccountRecord) {
        self.init(
            account: record.id, accessToken: record.tokens.accessToken, expiresAt: record.tokens.expiresAt,
            apiBaseURL: record.tokens.resourceURL.map(OAuthCredential.apiBaseURL(fromResourceURL:))
        )
    }

    /// qwen-code hands out a bare host (`portal.qwen.ai`) or a URL; the OpenAI base ends in `/v1`.
    public static func apiBaseURL(fromResourceURL resource: String) -> String {
        var url = resource.trimmingCharacters(in: .whitespaces)
        if !url.hasPrefix("http://") && !url.hasPrefix("https://") { url = "https://" + url }
        while url.hasSuffix("/") { url.removeLast() }
        return url.hasSuffix("/v1") ? url : url + "/v1"
    }

    public var description: String {
        "OAuthCredential(\(account), token: <redacted>, expiresAt: \(expiresAt.map { "\($0)" } ?? "never"), base: \(apiBaseURL ?? "configured"))"
    }
}
