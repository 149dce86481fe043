import RouteModel
import Translators

/// The compiled prices by target name, built once at start: what a finished request cost.
struct PriceBook: Sendable {
    private let prices: [String: ModelPrice]

    init(table: RouteTable) {
        var prices: [String: ModelPrice] = [:]
        for target in table.targets {
            if let price = table.providers[target.provider].price(of: target.model) { prices[target.name] = price }
        }
        self.prices = prices
    }

    /// The exact cost of a request that ended on `target` with `usage`, started at
    /// `startedAt` (epoch milliseconds, for peak hours). Nil when the target has no price or
    /// nothing was tried; zero for a priced target that reported no usage (a failure).
    func cost(target: String?, usage: TokenUsage?, startedAt: Int64) -> USDAmount? {
        guard let target, let price = prices[target] else { return nil }
        guard let usage else { return .zero }
        let tokens = BilledTokens(
            input: usage.inputTokens, output: usage.outputTokens, cacheRead: usage.cacheReadTokens,
            cacheWrite: usage.cacheWriteTokens, reasoning: usage.reasoningTokens ?? 0
        )
        return price.cost(of: tokens, atEpochMilliseconds: startedAt)
    }
}
