/// Chooses among weighted members, either by a random draw or by smooth weighted round-robin.
public struct WeightedPicker: Sendable, Equatable {
    /// Running totals of the weights; the last one is the sum.
    public let cumulative: [UInt64]

    public init(weights: [Int]) {
        var total: UInt64 = 0
        cumulative = weights.map { weight in
            total += UInt64(max(weight, 0))
            return total
        }
    }

    public var total: UInt64 { cumulative.last ?? 0 }

    /// The member a uniformly random 64-bit draw falls on (binary search over the totals).
    public func pick(draw: UInt64) -> Int {
        guard total > 0 else { return 0 }
        let point = draw % total
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > point { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

/// Nginx's smooth weighted round-robin: over every `total` picks each member is chosen exactly
/// its weight's number of times, interleaved rather than in runs.
public struct SmoothWeightedRoundRobin: Sendable {
    private let weights: [Int]
    private var current: [Int]

    public init(weights: [Int]) {
        self.weights = weights
        self.current = Array(repeating: 0, count: weights.count)
    }

    /// The next member; members whose `isEligible` is false are passed over this round.
    public mutating func next(isEligible: (Int) -> Bool = { _ in true }) -> Int? {
        var best: Int?
        var total = 0
        for index in weights.indices where isEligible(index) {
            current[index] += weights[index]
            total += weights[index]
            if best.map({ current[index] > current[$0] }) ?? true { best = index }
        }
        if let best { current[best] -= total }
        return best
    }
}
