/// A provider's account name, unique across the store.
public struct AccountID: Sendable, Hashable, CustomStringConvertible {
    public let provider: String
    public let account: String

    public init(provider: String, account: String) {
        self.provider = provider
        self.account = account
    }

    public var description: String { "\(provider)/\(account)" }
}
