import Foundation

/// One OAuth account of a provider: the unit the token store keeps in one file.
public struct AccountRecord: Sendable, Codable, Equatable, CustomStringConvertible {
    public var provider: String
    /// The account's name within the provider's pool (`default` unless the user chose one).
    public var account: String
    public var tokens: TokenSet
    /// Set when a refresh failed with `invalid_grant`; cleared by the next login.
    public var needsLogin: Bool
    public var updatedAt: Date

    public init(provider: String, account: String, tokens: TokenSet, needsLogin: Bool = false, updatedAt: Date = Date()) {
        self.provider = provider
        self.account = account
        self.tokens = tokens
        self.needsLogin = needsLogin
        self.updatedAt = updatedAt
    }

    public var id: AccountID { AccountID(provider: provider, account: account) }

    public var description: String { "AccountRecord(\(provider)/\(account), \(tokens), needsLogin: \(needsLogin))" }
}
