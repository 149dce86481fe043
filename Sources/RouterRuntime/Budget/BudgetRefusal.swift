import RouteModel
import UsageLog

/// Why a client's request was refused by its budget, and when the window resets. The request
/// path answers 429 in the caller's format with `Retry-After: retryAfterSeconds`.
public struct BudgetRefusal: Sendable, Equatable, Error {
    public let client: String
    public let window: BudgetWarning.Window
    public let spent: USDAmount
    public let limit: USDAmount
    /// Epoch milliseconds of the next reset (the next UTC midnight, or the first of next month).
    public let resetsAt: Int64
    public let retryAfterSeconds: Int

    /// The error message; it begins with `budget_exceeded:` as the contract says.
    public var message: String {
        "budget_exceeded: client '\(client)' has spent $\(spent.decimalString) of its \(window.rawValue) budget of "
            + "$\(limit.decimalString); it resets at \(UTCTime(epochMilliseconds: resetsAt).iso8601) (in \(retryAfterSeconds) s)"
    }
}

/// A client's spend crossed its `warn_at` fraction of a budget (once per window).
public struct BudgetWarning: Sendable, Equatable {
    public enum Window: String, Sendable, Equatable {
        case daily
        case monthly
    }

    public let client: String
    public let window: Window
}
