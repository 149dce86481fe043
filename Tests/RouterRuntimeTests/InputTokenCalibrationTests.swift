import RouteModel
import Translators
import XCTest
@testable import RouterRuntime

/// The per-target correction of the local `count_tokens` estimate.
final class InputTokenCalibrationTests: XCTestCase {
    private let targets = [
        TargetSpec(provider: 0, model: "a", name: "p/a", maxOutputTokens: nil),
        TargetSpec(provider: 0, model: "b", name: "p/b", maxOutputTokens: nil),
    ]

    func testTheRuleBeforeDataThenTheReportedRatioPerTarget() {
        let calibration = InputTokenCalibration(targets: targets)
        XCTAssertEqual(calibration.inputTokens(estimate: 1_000, target: "p/a"), 1_000, "before any data: the estimate")
        XCTAssertEqual(calibration.inputTokens(estimate: 0, target: "p/a"), 1, "never 0")
        XCTAssertEqual(calibration.inputTokens(estimate: 500, target: "unknown/x"), 500)

        // Reported input counts cache reads and writes too (count_tokens counts the whole prompt).
        calibration.observe(target: "p/a", estimate: 1_000, usage: TokenUsage(inputTokens: 300, cacheReadTokens: 1_100, cacheWriteTokens: 100))
        XCTAssertEqual(calibration.inputTokens(estimate: 2_000, target: "p/a"), 3_000, "the first sample sets the ratio")
        XCTAssertEqual(calibration.inputTokens(estimate: 2_000, target: "p/b"), 2_000, "another target is untouched")

        // Later samples move it by a fifth; absurd ones are clamped.
        calibration.observe(target: "p/a", estimate: 1_000, usage: TokenUsage(inputTokens: 1_000))
        XCTAssertEqual(calibration.slot(of: "p/a")?.ratio ?? 0, 1.4, accuracy: 1e-9)
        calibration.observe(target: "p/b", estimate: 10, usage: TokenUsage(inputTokens: 1_000_000))
        XCTAssertEqual(calibration.slot(of: "p/b")?.ratio, 4)
    }

    func testNothingToLearnFromIsIgnored() {
        let calibration = InputTokenCalibration(targets: targets)
        calibration.observe(target: "p/a", estimate: nil, usage: TokenUsage(inputTokens: 10))
        calibration.observe(target: "p/a", estimate: 100, usage: nil)
        calibration.observe(target: "p/a", estimate: 100, usage: TokenUsage())
        calibration.observe(target: nil, estimate: 100, usage: TokenUsage(inputTokens: 10))
        XCTAssertEqual(calibration.slot(of: "p/a"), InputTokenCalibration.Slot())
    }
}
