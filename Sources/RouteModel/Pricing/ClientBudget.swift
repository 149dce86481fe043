/// A client's spending limits (`budget:` in `clients:`), per UTC day and per calendar month
/// (UTC). A request is refused when the client's spend in the current window has already reached
/// a limit as it starts; a request in flight when the limit is reached finishes.
public struct ClientBudget: Sendable, Equatable {
    /// `daily_usd`; nil: no daily limit.
    public let daily: USDAmount?
    /// `monthly_usd`; nil: no monthly limit.
    public let monthly: USDAmount?
    /// `warn_at`: the fraction of a limit, in millionths (0.8 → 800_000), at which the router
    /// logs a warning and counts a metric once per window; nil: no warning.
    public let warnAtMillionths: Int64?

    public init(daily: USDAmount?, monthly: USDAmount?, warnAtMillionths: Int64? = nil) {
        self.daily = daily
        self.monthly = monthly
        self.warnAtMillionths = warnAtMillionths
    }
}
