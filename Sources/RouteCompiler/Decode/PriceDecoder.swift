import RouteModel
import Yams

/// Decodes a model's `price:`, US dollars per million tokens:
///
/// ```yaml
/// price: {input: 0.6, output: 2.2, cache_read: 0.11, cache_write: 0.6}
/// price:
///   input: 3
///   output: 15
///   cache_read: 0.3
///   cache_write_multiplier: 1.25          # instead of cache_write: input × 1.25
///   tiers:                                # by prompt size (input + cache reads + writes)
///     - {above_input_tokens: 200000, input: 6, output: 22.5, cache_read: 0.6}
///   peak:                                 # peak-hour rates; the rates above are off-peak
///     hours_utc: ["01:00-04:00", "06:00-10:00"]
///     weekdays_only: true
///     input: 1.32
///     output: 3.96
/// ```
///
/// Amounts must be non-negative with at most six decimals, so that the runtime's integer
/// picodollars hold them exactly. `cache_read` and `cache_write` default to the input rate.
enum PriceDecoder {
    static let rateKeys = ["input", "output", "cache_read", "cache_write", "cache_write_multiplier", "reasoning"]
    static let priceKeys = rateKeys + ["unit", "tiers", "peak"]
    static let tierKeys = rateKeys + ["above_input_tokens"]
    static let peakKeys = rateKeys + ["hours_utc", "weekdays_only"]
    /// The one unit prices are written in; `unit:` may say so explicitly.
    static let unit = "usd_per_million_tokens"

    static func decode(_ node: Node, what: String, reader: inout YAMLReader) -> ModelPrice? {
        guard let record = reader.record(node, what, allowed: priceKeys) else { return nil }
        if let entry = record["unit"], let text = reader.name(entry.value, "unit of \(what)"), text.value != unit {
            reader.error(entry.value, "unit of \(what) must be \(unit) (US dollars per million tokens), found '\(text.value)'")
        }
        guard let (base, multiplier) = rates(record, node: node, what: what, inheritedMultiplier: nil, reader: &reader) else { return nil }
        var tiers: [PriceTier] = []
        if let entry = record["tiers"], let items = reader.sequence(entry.value, "tiers of \(what)") {
            for item in items {
                guard let tier = self.tier(item, what: "a tier of \(what)", multiplier: multiplier, reader: &reader) else { continue }
                if let last = tiers.last, tier.aboveInputTokens <= last.aboveInputTokens {
                    reader.error(item, "tiers of \(what) must be in ascending order of above_input_tokens")
                    continue
                }
                tiers.append(tier)
            }
        }
        var peak: PeakPricing?
        if let entry = record["peak"] {
            peak = self.peak(entry.value, what: "peak of \(what)", multiplier: multiplier, reader: &reader)
            if peak != nil, !tiers.isEmpty {
                reader.error(entry.value, "\(what) may have tiers or peak, not both")
            }
        }
        return ModelPrice(base: base, tiers: tiers, peak: peak)
    }

    private static func tier(_ node: Node, what: String, multiplier: Int64?, reader: inout YAMLReader) -> PriceTier? {
        guard let record = reader.record(node, what, allowed: tierKeys) else { return nil }
        guard let thresholdEntry = record["above_input_tokens"] else {
            reader.error(node, "\(what) needs above_input_tokens: (the prompt size it starts above)")
            return nil
        }
        guard let threshold = reader.int(thresholdEntry.value, "above_input_tokens of \(what)") else { return nil }
        guard threshold.value >= 0 else {
            reader.error(thresholdEntry.value, "above_input_tokens of \(what) must not be negative")
            return nil
        }
        guard let (rates, _) = rates(record, node: node, what: what, inheritedMultiplier: multiplier, reader: &reader) else { return nil }
        return PriceTier(aboveInputTokens: threshold.value, rates: rates)
    }

    private static func peak(_ node: Node, what: String, multiplier: Int64?, reader: inout YAMLReader) -> PeakPricing? {
        guard let record = reader.record(node, what, allowed: peakKeys) else { return nil }
        guard let hoursEntry = record["hours_utc"] else {
            reader.error(node, "\(what) needs hours_utc: [\"HH:MM-HH:MM\", ...]")
            return nil
        }
        let windows = (reader.strings(hoursEntry.value, "hours_utc of \(what)") ?? []).compactMap { text -> PeakHours.Window? in
            guard let window = Self.window(text.value) else {
                reader.diagnostics.error(text.location, "hours_utc of \(what): '\(text.value)' is not HH:MM-HH:MM (UTC, 00:00 to 24:00)")
                return nil
            }
            return window
        }
        let weekdaysOnly = record["weekdays_only"].flatMap { reader.bool($0.value, "weekdays_only of \(what)") }?.value ?? false
        guard !windows.isEmpty, let (rates, _) = rates(record, node: node, what: what, inheritedMultiplier: multiplier, reader: &reader) else {
            return nil
        }
        return PeakPricing(hours: PeakHours(windows: windows, weekdaysOnly: weekdaysOnly), rates: rates)
    }

    /// The rate fields of a price, a tier or a peak block, and the block's own cache-write
    /// multiplier (in millionths), which tiers and peak rates inherit.
    private static func rates(
        _ record: [String: YAMLReader.Entry], node: Node, what: String, inheritedMultiplier: Int64?, reader: inout YAMLReader
    ) -> (PriceRates, multiplier: Int64?)? {
        func amount(_ key: String) -> Int64? {
            record[key].flatMap { perToken($0.value, "\(key) of \(what)", reader: &reader) }
        }
        let input = amount("input")
        let output = amount("output")
        var missing: [String] = []
        if record["input"] == nil { missing.append("input") }
        if record["output"] == nil { missing.append("output") }
        if !missing.isEmpty {
            reader.error(node, "\(what) needs \(missing.joined(separator: " and ")): (US dollars per million tokens)")
        }
        if record["cache_write"] != nil, record["cache_write_multiplier"] != nil, let entry = record["cache_write_multiplier"] {
            reader.error(entry.value, "\(what) has cache_write and cache_write_multiplier: give one")
        }
        let ownMultiplier = record["cache_write_multiplier"].flatMap {
            millionths($0.value, "cache_write_multiplier of \(what)", unit: "a plain factor such as 1.25", reader: &reader)
        }
        guard let input, let output else { return nil }
        var cacheWrite = amount("cache_write")
        if cacheWrite == nil, let multiplier = ownMultiplier ?? inheritedMultiplier {
            // multiplier is in millionths: 1.25 → 1_250_000.
            let (product, overflow) = input.multipliedReportingOverflow(by: multiplier)
            guard !overflow, product % 1_000_000 == 0 else {
                reader.error(node, "\(what): input × cache_write_multiplier is finer than a millionth of a dollar per million tokens; write cache_write: instead")
                return nil
            }
            cacheWrite = product / 1_000_000
        }
        let rates = PriceRates(
            input: input, output: output, cacheRead: amount("cache_read") ?? input, cacheWrite: cacheWrite ?? input,
            reasoning: amount("reasoning")
        )
        return (rates, ownMultiplier)
    }

    /// USD per million tokens → picodollars per token (the same number as micro-USD per million).
    private static func perToken(_ node: Node, _ what: String, reader: inout YAMLReader) -> Int64? {
        millionths(node, what, unit: "US dollars per million tokens", reader: &reader)
    }

    /// A non-negative decimal with at most six decimals, in millionths.
    static func millionths(_ node: Node, _ what: String, unit: String, reader: inout YAMLReader) -> Int64? {
        guard case .scalar(let scalar) = node, scalar.style == .plain, let amount = USDAmount(decimal: Array(scalar.string.utf8)) else {
            reader.error(node, "\(what) must be a number (\(unit)), found \(YAMLReader.describe(node))")
            return nil
        }
        guard amount.picodollars >= 0 else {
            reader.error(node, "\(what) must not be negative")
            return nil
        }
        guard amount.picodollars % 1_000_000 == 0 else {
            reader.error(node, "\(what) has more than six decimals (\(unit); a price per token is a million times smaller than one per million tokens)")
            return nil
        }
        return amount.picodollars / 1_000_000
    }

    /// `HH:MM-HH:MM` → minutes after midnight.
    static func window(_ text: String) -> PeakHours.Window? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = minute(parts[0]), let end = minute(parts[1]), start != end, start < 1440 else { return nil }
        return PeakHours.Window(startMinute: start, endMinute: end)
    }

    private static func minute(_ text: Substring) -> Int? {
        let parts = text.trimmingCharacters(in: " ").split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...24).contains(hours), (0..<60).contains(minutes), hours * 60 + minutes <= 1440
        else { return nil }
        return hours * 60 + minutes
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in character: Character) -> Substring {
        var text = self
        while text.first == character { text.removeFirst() }
        while text.last == character { text.removeLast() }
        return text
    }
}
