import RouteModel

/// Swift source spellings of the values a generated table holds.
enum SwiftLiteral {
    /// A string literal; non-ASCII text stays readable, control characters are escaped.
    static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80 ..< 0xA0).contains(scalar.value)
                    || scalar.properties.generalCategory == .format
                {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func optionalString(_ value: String?) -> String {
        value.map(string) ?? "nil"
    }

    static func optionalInt(_ value: Int?) -> String {
        value.map(String.init) ?? "nil"
    }

    static func optionalBool(_ value: Bool?) -> String {
        value.map { $0 ? "true" : "false" } ?? "nil"
    }

    static func strings(_ values: [String]) -> String {
        "[" + values.map(string).joined(separator: ", ") + "]"
    }

    static func ints(_ values: [Int]) -> String {
        "[" + values.map(String.init).joined(separator: ", ") + "]"
    }

    /// A numeric array wrapped at `perLine` values, indented by `indent`.
    static func table(_ values: [some BinaryInteger], perLine: Int, indent: String) -> String {
        guard !values.isEmpty else { return "[]" }
        var lines: [String] = []
        var start = 0
        while start < values.count {
            let end = min(start + perLine, values.count)
            lines.append(indent + "    " + values[start ..< end].map { String($0) }.joined(separator: ", ") + ",")
            start = end
        }
        return "[\n" + lines.joined(separator: "\n") + "\n" + indent + "]"
    }

    static func ref(_ ref: ModelRef) -> String {
        switch ref {
        case .target(let index): ".target(\(index))"
        case .alias(let index): ".alias(\(index))"
        case .combo(let index): ".combo(\(index))"
        }
    }

    static func wireProtocol(_ value: WireProtocol) -> String {
        switch value {
        case .anthropic: ".anthropic"
        case .openai: ".openai"
        }
    }

    static func auth(_ value: AuthStyle) -> String {
        switch value {
        case .xApiKey: ".xApiKey"
        case .bearer: ".bearer"
        case .none: ".none"
        case .oauth: ".oauth"
        }
    }

    static func thinkingSwitch(_ value: ProviderQuirks.ThinkingSwitch) -> String {
        switch value {
        case .none: ".none"
        case .thinkingType: ".thinkingType"
        case .enableThinking: ".enableThinking"
        case .reasoningEffort: ".reasoningEffort"
        }
    }

    static func flow(_ value: OAuthSpec.Flow) -> String {
        switch value {
        case .device: ".device"
        case .authorizationCode: ".authorizationCode"
        case .clientCredentials: ".clientCredentials"
        }
    }

    static func stickiness(_ value: ComboSpec.Stickiness) -> String {
        switch value {
        case .none: ".none"
        case .session: ".session"
        }
    }

    /// A ``ModelPrice``; rates are picodollars per token (= micro-USD per million tokens).
    static func price(_ price: ModelPrice) -> String {
        var parts = ["base: \(rates(price.base))"]
        if !price.tiers.isEmpty {
            let tiers = price.tiers.map { "PriceTier(aboveInputTokens: \($0.aboveInputTokens), rates: \(rates($0.rates)))" }
            parts.append("tiers: [\(tiers.joined(separator: ", "))]")
        }
        if let peak = price.peak {
            let windows = peak.hours.windows.map { ".init(startMinute: \($0.startMinute), endMinute: \($0.endMinute))" }
            parts.append(
                "peak: PeakPricing(hours: PeakHours(windows: [\(windows.joined(separator: ", "))], weekdaysOnly: \(peak.hours.weekdaysOnly)), rates: \(rates(peak.rates)))"
            )
        }
        return "ModelPrice(\(parts.joined(separator: ", ")))"
    }

    static func rates(_ rates: PriceRates) -> String {
        let reasoning = rates.reasoning.map { ", reasoning: \($0)" } ?? ""
        return "PriceRates(input: \(rates.input), output: \(rates.output), cacheRead: \(rates.cacheRead), cacheWrite: \(rates.cacheWrite)\(reasoning))"
    }

    /// A ``ClientBudget``; amounts in picodollars.
    static func budget(_ budget: ClientBudget) -> String {
        func amount(_ value: USDAmount?) -> String { value.map { "USDAmount(picodollars: \($0.picodollars))" } ?? "nil" }
        return "ClientBudget(daily: \(amount(budget.daily)), monthly: \(amount(budget.monthly)), warnAtMillionths: \(SwiftLiteral.optionalInt(budget.warnAtMillionths.map(Int.init))))"
    }

    static func headerValue(_ value: HeaderSpec.Value) -> String {
        switch value {
        case .literal(let text): ".literal(\(string(text)))"
        case .env(let name): ".env(\(string(name)))"
        }
    }
}
