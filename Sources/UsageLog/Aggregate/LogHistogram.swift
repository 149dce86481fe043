/// A fixed log-bucket histogram of non-negative integers (milliseconds): exact below 32, then 16
/// buckets per power of two, so any percentile read from it is within 1/32 (≈3 %) of the true
/// sample. Only the window of buckets actually hit is stored, which keeps one per hour and key
/// small (latencies of one model in one hour cluster in a few dozen buckets).
public struct LogHistogram: Sendable, Equatable {
    static let exactLimit = 32
    static let subBucketBits = 4
    static let subBuckets = 1 << subBucketBits

    /// Index of the first stored bucket.
    private var base = 0
    private var counts: [UInt32] = []
    /// Number of samples recorded.
    public private(set) var count = 0

    public init() {}

    public mutating func record(_ value: Int) {
        add(UInt32(1), at: Self.bucketIndex(of: value))
        count += 1
    }

    /// Adds every sample of `other`.
    public mutating func merge(_ other: LogHistogram) {
        guard other.count > 0 else { return }
        reserveWindow(other.base, other.base + other.counts.count - 1)
        for (offset, value) in other.counts.enumerated() where value > 0 {
            let slot = other.base + offset - base
            let (sum, overflow) = counts[slot].addingReportingOverflow(value)
            counts[slot] = overflow ? .max : sum
        }
        count += other.count
    }

    /// The nearest-rank percentile (`fraction` in 0...1) as its bucket's midpoint; nil when empty.
    public func percentile(_ fraction: Double) -> Int? {
        guard count > 0 else { return nil }
        let rank = max(1, Int((fraction * Double(count)).rounded(.up)))
        var seen = 0
        for (offset, value) in counts.enumerated() {
            seen += Int(value)
            if seen >= rank { return Self.representative(ofBucket: base + offset) }
        }
        return Self.representative(ofBucket: base + counts.count - 1)
    }

    private mutating func add(_ amount: UInt32, at index: Int) {
        reserveWindow(index, index)
        let (sum, overflow) = counts[index - base].addingReportingOverflow(amount)
        counts[index - base] = overflow ? .max : sum
    }

    /// Widens the stored window to cover bucket indices `low...high`.
    private mutating func reserveWindow(_ low: Int, _ high: Int) {
        if counts.isEmpty {
            base = low
            counts = [UInt32](repeating: 0, count: high - low + 1)
            return
        }
        if low < base {
            counts.insert(contentsOf: [UInt32](repeating: 0, count: base - low), at: 0)
            base = low
        }
        let end = base + counts.count - 1
        if high > end { counts.append(contentsOf: [UInt32](repeating: 0, count: high - end)) }
    }

    /// The bucket a value falls in.
    static func bucketIndex(of value: Int) -> Int {
        guard value >= exactLimit else { return max(0, value) }
        let exponent = Int.bitWidth - 1 - value.leadingZeroBitCount
        let sub = (value >> (exponent - subBucketBits)) & (subBuckets - 1)
        return exactLimit + (exponent - 5) * subBuckets + sub
    }

    /// The smallest value of a bucket and how many values it spans.
    static func bounds(ofBucket index: Int) -> (low: Int, width: Int) {
        guard index >= exactLimit else { return (index, 1) }
        let exponent = (index - exactLimit) / subBuckets + 5
        let sub = (index - exactLimit) % subBuckets
        let width = 1 << (exponent - subBucketBits)
        return ((subBuckets + sub) * width, width)
    }

    static func representative(ofBucket index: Int) -> Int {
        let (low, width) = bounds(ofBucket: index)
        return low + (width - 1) / 2
    }
}
