/// Where a login started by the dashboard or the CLI stands.
public enum LoginFlowState: Sendable, Equatable {
    /// Waiting for the user to approve (open the URL, enter the code).
    case pending
    /// Tokens are in the store under this account.
    case succeeded(AccountID)
    /// The login ended without tokens; the reason names no secret.
    case failed(String)

    public var name: String {
        switch self {
        case .pending: "pending"
        case .succeeded: "succeeded"
        case .failed: "failed"
        }
    }

    public var isFinished: Bool { self != .pending }
}
