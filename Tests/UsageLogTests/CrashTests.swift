import Foundation
import UsageLog
import XCTest

/// A process writing usage under load is killed with SIGKILL; after "restart" (recovery, then
/// loading) every line parses and no more than about one fsync group of acknowledged records
/// is missing.
final class CrashTests: XCTestCase {
    func testSigkillUnderLoadLosesAtMostAboutOneGroup() async throws {
        let directory = try TemporaryDirectory("crash")
        defer { directory.remove() }
        let rate = 5_000
        let stress = try StressProcess(arguments: [
            "write", "--dir", directory.path, "--rate", String(rate), "--print-every", "200", "--producers", "4",
        ])
        try await stress.waitForAcked(15_000)
        stress.kill()
        XCTAssertEqual(stress.process.terminationReason, .uncaughtSignal)
        let last = try XCTUnwrap(stress.progress.last)

        let recovery = UsageLogRecovery.recover(directory: directory.path)
        XCTAssertEqual(recovery.failures, [])
        var requestIDs = Set<String>()
        let loaded = try UsageLogReader.forEachRecord(in: directory.path) { requestIDs.insert($0.requestID) }
        XCTAssertEqual(loaded.badLines, 0, "every line parses after recovery")
        XCTAssertEqual(loaded.incompleteTailBytes, 0)
        XCTAssertEqual(requestIDs.count, loaded.records, "no line was written twice")
        for file in UsageFileNaming.logFiles(in: directory.path) {
            let data = try Data(contentsOf: URL(fileURLWithPath: file.path))
            for line in data.split(separator: 0x0A) { XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line))) }
        }

        // Everything the writer had declared written is there; what is missing of the
        // acknowledged records is what waited in the queue for the next group.
        XCTAssertGreaterThanOrEqual(loaded.records, last.written)
        let lost = max(0, last.acked - loaded.records)
        let bound = 2 * max(last.largestGroup, 1) + rate / 10
        print("crash test: acknowledged \(last.acked), on disk \(loaded.records), lost \(lost) "
            + "(largest fsync group \(last.largestGroup), torn tails set aside \(recovery.tornTails.count))")
        XCTAssertLessThanOrEqual(lost, bound)
    }
}

extension CrashTests {
    /// The same crash at an exactly known point: the stress process kills itself right after
    /// its 12,000th acknowledged record, so "acknowledged" is exact rather than last printed.
    func testSelfKillAtAKnownCountLosesOnlyWhatWaitedForTheDisk() async throws {
        let directory = try TemporaryDirectory("self-kill")
        defer { directory.remove() }
        let rate = 5_000
        let acknowledged = 12_000
        let stress = try StressProcess(arguments: [
            "write", "--dir", directory.path, "--rate", String(rate), "--print-every", "500",
            "--kill-after", String(acknowledged),
        ])
        stress.waitForExit()
        XCTAssertEqual(stress.process.terminationReason, .uncaughtSignal)
        let last = try XCTUnwrap(stress.progress.last)
        XCTAssertEqual(last.acked, acknowledged)

        let recovery = UsageLogRecovery.recover(directory: directory.path)
        XCTAssertEqual(recovery.failures, [])
        let loaded = try UsageLogReader.forEachRecord(in: directory.path) { _ in }
        XCTAssertEqual(loaded.badLines, 0)
        XCTAssertLessThanOrEqual(loaded.records, acknowledged)
        XCTAssertGreaterThanOrEqual(loaded.records, last.written)
        let lost = acknowledged - loaded.records
        print("crash test (self-kill): acknowledged \(acknowledged), on disk \(loaded.records), lost \(lost) "
            + "(largest fsync group \(last.largestGroup), torn tails set aside \(recovery.tornTails.count))")
        XCTAssertLessThanOrEqual(lost, 2 * max(last.largestGroup, 1) + rate / 10)
    }
}
