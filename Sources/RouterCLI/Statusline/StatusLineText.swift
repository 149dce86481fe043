import Foundation
import RouteModel
import UsageLog

/// The one line `claude-router statusline` prints, e.g.
/// `claude-opus-5-5 → glm/glm-4.6 ↺ · 12.3k tok today · $0.0421`:
/// the model the session asked for, the target that served its last request (`↺` when that
/// request fell back to another target, `✗ 503 …` when it failed), today's tokens, today's cost
/// once a line has a price, and `router down` when nothing listens on the router's address.
enum StatusLineText {
    static let fallbackMark = "↺"

    static func line(askedModel: String, usage: TodayUsage, last: UsageRecord?, routerListening: Bool?) -> String {
        var parts: [String] = []
        if let last {
            parts.append("\(askedModel) → \(served(last))")
        } else {
            parts.append("\(askedModel) → no request today")
        }
        if usage.requests > 0 { parts.append("\(tokens(usage.tokens)) tok today") }
        if let cost = usage.cost { parts.append(dollars(cost)) }
        if routerListening == false { parts.append("router down") }
        return parts.joined(separator: " · ")
    }

    private static func served(_ record: UsageRecord) -> String {
        guard record.status < 400 else {
            return "✗ \(record.status)" + (record.error.map { " \($0)" } ?? "")
        }
        let target = record.target ?? "-"
        let fellBack = record.attempts.count > 1 && record.attempts.first?.target != target
        return fellBack ? "\(target) \(fallbackMark)" : target
    }

    static func tokens(_ count: Int) -> String {
        switch count {
        case ..<1000: return String(count)
        case ..<1_000_000: return String(format: "%.1fk", Double(count) / 1000)
        default: return String(format: "%.2fM", Double(count) / 1_000_000)
        }
    }

    static func dollars(_ amount: USDAmount) -> String {
        let value = Double(amount.picodollars) / Double(USDAmount.picodollarsPerDollar)
        return String(format: value < 1 ? "$%.4f" : "$%.2f", value)
    }
}
