import Foundation

/// A successful token endpoint answer (RFC 6749 §5.1), plus qwen-code's `resource_url` and
/// OpenRouter's `key`.
struct TokenResponse: Decodable {
    let accessToken: String?
    let tokenType: String?
    let expiresIn: Double?
    let refreshToken: String?
    let scope: String?
    let resourceURL: String?
    /// OpenRouter's exchange answers `{"key": "sk-or-…"}`.
    let key: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
        case refreshToken = "refresh_token"
        case scope
        case resourceURL = "resource_url"
        case key
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try container.decodeIfPresent(String.self, forKey: .accessToken)
        tokenType = try container.decodeIfPresent(String.self, forKey: .tokenType)
        // Some servers send `expires_in` as a string.
        if let number = try? container.decodeIfPresent(Double.self, forKey: .expiresIn) {
            expiresIn = number
        } else if let text = try? container.decodeIfPresent(String.self, forKey: .expiresIn) {
            expiresIn = Double(text)
        } else {
            expiresIn = nil
        }
        refreshToken = try container.decodeIfPresent(String.self, forKey: .refreshToken)
        scope = try container.decodeIfPresent(String.self, forKey: .scope)
        resourceURL = try container.decodeIfPresent(String.self, forKey: .resourceURL)
        key = try container.decodeIfPresent(String.self, forKey: .key)
    }

    /// The grant as stored; `previous` supplies what a refresh answer may leave out (a
    /// non-rotating server sends no new refresh token, qwen may omit `resource_url`).
    func tokenSet(issuedAt now: Date, previous: TokenSet? = nil) -> TokenSet? {
        guard let access = accessToken ?? key, !access.isEmpty else { return nil }
        return TokenSet(
            accessToken: SecretValue(access),
            refreshToken: refreshToken.flatMap { $0.isEmpty ? nil : SecretValue($0) } ?? previous?.refreshToken,
            expiresAt: expiresIn.map { now.addingTimeInterval($0) },
            issuedAt: now,
            scope: scope ?? previous?.scope,
            resourceURL: resourceURL ?? previous?.resourceURL
        )
    }
}
