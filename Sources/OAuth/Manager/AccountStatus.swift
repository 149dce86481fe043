import Foundation

/// One account as `claude-router accounts`, `/readyz` and the dashboard show it.
public struct AccountStatus: Sendable, Equatable, CustomStringConvertible {
    public let id: AccountID
    public let state: AccountState
    public let expiresAt: Date?
    public let apiBaseURL: String?

    public init(id: AccountID, state: AccountState, expiresAt: Date?, apiBaseURL: String?) {
        self.id = id
        self.state = state
        self.expiresAt = expiresAt
        self.apiBaseURL = apiBaseURL
    }

    public var description: String { "\(id) \(state.rawValue)" }
}
