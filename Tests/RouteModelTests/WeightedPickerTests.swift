import RouteModel
import XCTest

final class WeightedPickerTests: XCTestCase {
    /// Random draws split within ±2% of the weights over 100k picks.
    func testRandomPicksFollowTheWeights() {
        let weights = [3, 1, 2, 4]
        let picker = WeightedPicker(weights: weights)
        var random = KeywordAutomatonTests.SplitMix64(state: 42)
        var counts = [Int](repeating: 0, count: weights.count)
        let picks = 100_000
        for _ in 0 ..< picks { counts[picker.pick(draw: random.next())] += 1 }
        let total = Double(weights.reduce(0, +))
        for (index, weight) in weights.enumerated() {
            let share = Double(counts[index]) / Double(picks)
            XCTAssertEqual(share, Double(weight) / total, accuracy: 0.02, "member \(index): \(counts)")
        }
    }

    func testEdgesOfTheCumulativeTable() {
        let picker = WeightedPicker(weights: [2, 1])
        XCTAssertEqual(picker.pick(draw: 0), 0)
        XCTAssertEqual(picker.pick(draw: 1), 0)
        XCTAssertEqual(picker.pick(draw: 2), 1)
        XCTAssertEqual(picker.pick(draw: 3), 0)
        XCTAssertEqual(WeightedPicker(weights: []).pick(draw: 9), 0)
    }

    /// Smooth weighted round-robin gives each member exactly its weight per cycle, interleaved.
    func testSmoothRoundRobinIsExactAndInterleaved() {
        var robin = SmoothWeightedRoundRobin(weights: [5, 1, 1])
        let cycle = (0 ..< 7).compactMap { _ in robin.next() }
        XCTAssertEqual(cycle, [0, 0, 1, 0, 2, 0, 0])
        var counts = [0, 0, 0]
        for _ in 0 ..< 70_000 { if let next = robin.next() { counts[next] += 1 } }
        XCTAssertEqual(counts, [50_000, 10_000, 10_000])
    }

    func testSmoothRoundRobinSkipsIneligibleMembers() {
        var robin = SmoothWeightedRoundRobin(weights: [1, 1])
        XCTAssertEqual((0 ..< 4).compactMap { _ in robin.next(isEligible: { $0 == 1 }) }, [1, 1, 1, 1])
        XCTAssertNil(robin.next(isEligible: { _ in false }))
    }
}
