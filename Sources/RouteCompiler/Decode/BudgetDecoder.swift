import RouteModel
import Yams

/// Decodes a client's `budget: {daily_usd: 5, monthly_usd: 100, warn_at: 0.8}`: limits in US
/// dollars per UTC day and per calendar month, and the fraction of a limit at which the router
/// warns.
enum BudgetDecoder {
    static let keys = ["daily_usd", "monthly_usd", "warn_at"]

    static func decode(_ node: Node, what: String, reader: inout YAMLReader) -> ClientBudget? {
        guard let record = reader.record(node, what, allowed: keys) else { return nil }
        let daily = record["daily_usd"].flatMap { limit($0.value, "daily_usd of \(what)", reader: &reader) }
        let monthly = record["monthly_usd"].flatMap { limit($0.value, "monthly_usd of \(what)", reader: &reader) }
        var warnAt: Int64?
        if let entry = record["warn_at"],
           let fraction = PriceDecoder.millionths(entry.value, "warn_at of \(what)", unit: "a fraction of the budget such as 0.8", reader: &reader) {
            if fraction > 0, fraction <= 1_000_000 { warnAt = fraction } else {
                reader.error(entry.value, "warn_at of \(what) must be a fraction above 0 and at most 1 (0.8 warns at 80 %)")
            }
        }
        guard record["daily_usd"] != nil || record["monthly_usd"] != nil else {
            reader.error(node, "\(what) needs daily_usd: or monthly_usd: (US dollars)")
            return nil
        }
        guard daily != nil || monthly != nil else { return nil }
        return ClientBudget(daily: daily, monthly: monthly, warnAtMillionths: warnAt)
    }

    /// A positive amount of US dollars, exact to the picodollar.
    private static func limit(_ node: Node, _ what: String, reader: inout YAMLReader) -> USDAmount? {
        guard case .scalar(let scalar) = node, scalar.style == .plain, let amount = USDAmount(decimal: Array(scalar.string.utf8)) else {
            reader.error(node, "\(what) must be a number of US dollars, found \(YAMLReader.describe(node))")
            return nil
        }
        guard amount.picodollars > 0 else {
            reader.error(node, "\(what) must be above 0 (leave it out for no limit)")
            return nil
        }
        return amount
    }
}
