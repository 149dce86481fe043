/// The price of one provider model: base rates, optionally replaced by an input-length tier
/// (DashScope, Gemini, Anthropic long context) or by peak-hour rates (DeepSeek).
public struct ModelPrice: Sendable, Equatable {
    /// Rates when no tier and no peak window applies.
    public let base: PriceRates
    /// Tiers by prompt size, ascending by threshold; the last one the prompt exceeds applies.
    public let tiers: [PriceTier]
    /// Rates during the provider's peak hours; `base` are then the off-peak rates.
    public let peak: PeakPricing?

    public init(base: PriceRates, tiers: [PriceTier] = [], peak: PeakPricing? = nil) {
        self.base = base
        self.tiers = tiers
        self.peak = peak
    }

    /// The rates that apply to a request with `promptTokens` of input started at
    /// `epochMilliseconds` (UTC).
    public func rates(promptTokens: Int, atEpochMilliseconds epochMilliseconds: Int64) -> PriceRates {
        if let peak, peak.hours.contains(epochMilliseconds: epochMilliseconds) { return peak.rates }
        var rates = base
        for tier in tiers where promptTokens > tier.aboveInputTokens { rates = tier.rates }
        return rates
    }

    /// The exact cost of a request's tokens.
    public func cost(of tokens: BilledTokens, atEpochMilliseconds epochMilliseconds: Int64) -> USDAmount {
        rates(promptTokens: tokens.promptTokens, atEpochMilliseconds: epochMilliseconds).cost(of: tokens)
    }
}

/// Rates for requests whose prompt is longer than a threshold.
public struct PriceTier: Sendable, Equatable {
    /// The tier applies when the prompt (input + cache reads + cache writes) exceeds this.
    public let aboveInputTokens: Int
    public let rates: PriceRates

    public init(aboveInputTokens: Int, rates: PriceRates) {
        self.aboveInputTokens = aboveInputTokens
        self.rates = rates
    }
}

/// Rates that apply during peak hours.
public struct PeakPricing: Sendable, Equatable {
    public let hours: PeakHours
    public let rates: PriceRates

    public init(hours: PeakHours, rates: PriceRates) {
        self.hours = hours
        self.rates = rates
    }
}
