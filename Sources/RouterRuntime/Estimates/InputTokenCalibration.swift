import RouteModel
import Synchronization
import Translators

/// Makes `count_tokens` answers for targets without a counting endpoint track what the target
/// actually bills.
///
/// The rule before any data is the peek's estimate (``RequestFeatures/estimatedInputTokens``:
/// four bytes of request JSON per token, images at a flat 1,600), at least 1. Each successful
/// Anthropic-format request then teaches its target the ratio between the input the upstream
/// reported (`input_tokens` + cache reads + cache writes, which is what `count_tokens` counts)
/// and that estimate; the answer is the estimate times an exponential moving average of those
/// ratios (weight 1/5 for the newest, each ratio clamped to ¼…4 so one odd reply cannot swing it).
/// One slot per target of the compiled table, allocated at start: the state never grows.
final class InputTokenCalibration: Sendable {
    struct Slot: Equatable {
        var ratio = 1.0
        var samples = 0
    }

    static let newestWeight = 0.2
    static let ratioBounds = 0.25...4.0

    private let indexByTarget: [String: Int]
    private let slots: Mutex<[Slot]>

    init(targets: [TargetSpec]) {
        var index: [String: Int] = [:]
        for (n, target) in targets.enumerated() { index[target.name] = n }
        indexByTarget = index
        slots = Mutex(Array(repeating: Slot(), count: targets.count))
    }

    /// A finished request: what was estimated for it and what its target reported.
    func observe(target: String?, estimate: Int?, usage: TokenUsage?) {
        guard let target, let slot = indexByTarget[target], let estimate, estimate > 0, let usage else { return }
        let reported = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens
        guard reported > 0 else { return }
        let ratio = min(max(Double(reported) / Double(estimate), Self.ratioBounds.lowerBound), Self.ratioBounds.upperBound)
        slots.withLock { slots in
            var current = slots[slot]
            current.ratio = current.samples == 0 ? ratio : current.ratio + Self.newestWeight * (ratio - current.ratio)
            current.samples += 1
            slots[slot] = current
        }
    }

    /// The calibrated count for a request estimated at `estimate` and headed for `target`.
    func inputTokens(estimate: Int, target: String) -> Int {
        let ratio = indexByTarget[target].map { index in slots.withLock { $0[index].ratio } } ?? 1
        return max(1, Int((Double(estimate) * ratio).rounded()))
    }

    func slot(of target: String) -> Slot? {
        indexByTarget[target].map { index in slots.withLock { $0[index] } }
    }
}
