import Foundation
import UsageLog
import XCTest

final class UsageLogRecoveryTests: XCTestCase {
    private let midnight: Int64 = 20_423 * 86_400_000

    private func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    func testTornLastLineIsSetAsideAndTheLogStaysAppendable() async throws {
        let directory = try TemporaryDirectory("torn")
        defer { directory.remove() }
        var factory = RecordFactory(seed: 11)
        let complete = (0..<3).flatMap { factory.record(index: $0, at: midnight + Int64($0)).jsonLine }
        let fourth = factory.record(index: 3, at: midnight + 3).jsonLine
        let torn = Array(fourth[0..<(fourth.count / 2)])
        let name = "usage-2025-12-01.jsonl"
        try write(complete + torn, to: directory.file(name))

        // A reader (the CLI) neither changes the file nor counts the torn tail as a record.
        let (_, beforeRepair) = try UsageAggregate.load(directory: directory.path)
        XCTAssertEqual(beforeRepair.records, 3)
        XCTAssertEqual(beforeRepair.incompleteTailBytes, torn.count)

        let report = UsageLogRecovery.recover(directory: directory.path, now: midnight + 5000)
        XCTAssertEqual(report.filesChecked, 1)
        XCTAssertEqual(report.failures, [])
        let tail = try XCTUnwrap(report.tornTails.first)
        XCTAssertEqual(tail.byteCount, torn.count)
        XCTAssertEqual(tail.savedPath, directory.file(name) + ".torn-20251201T000005000Z")
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: tail.savedPath))), torn)
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: directory.file(name)))), complete)

        let writer = UsageWriter(directory: directory.path)
        try await writer.running { writer.record(factory.record(index: 4, at: midnight + 4)) }
        let lines = try directory.lines(of: name)
        XCTAssertEqual(try lines.map { try UsageRecord(jsonLine: $0).requestID }, ["req-0", "req-1", "req-2", "req-4"])
        let (_, afterRepair) = try UsageAggregate.load(directory: directory.path)
        XCTAssertEqual(afterRepair, UsageLogReader.Report(files: 1, records: 4, badLines: 0, incompleteTailBytes: 0))
    }

    func testFileHoldingOnlyATornLineIsEmptiedAndCleanFilesAreUntouched() throws {
        let directory = try TemporaryDirectory("torn-only")
        defer { directory.remove() }
        var factory = RecordFactory(seed: 12)
        let clean = factory.record(index: 0, at: midnight - 1).jsonLine
        try write(clean, to: directory.file("usage-2025-11-30.jsonl"))
        try write(Array(#"{"v":1,"ts":"2025-12-01T00:0"#.utf8), to: directory.file("usage-2025-12-01.jsonl"))
        let report = UsageLogRecovery.recover(directory: directory.path)
        XCTAssertEqual(report.filesChecked, 2)
        XCTAssertEqual(report.tornTails.map(\.logPath), [directory.file("usage-2025-12-01.jsonl")])
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: directory.file("usage-2025-12-01.jsonl"))).count, 0)
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: directory.file("usage-2025-11-30.jsonl")))), clean)
        // Running it again finds nothing more; set-aside files are not log files.
        XCTAssertEqual(UsageLogRecovery.recover(directory: directory.path).tornTails, [])
    }

    func testOpenRepairsLoadsAndCountsBadLines() throws {
        let dataDirectory = try TemporaryDirectory("open")
        defer { dataDirectory.remove() }
        let usage = UsageLog.directory(inDataDirectory: dataDirectory.path)
        try FileManager.default.createDirectory(atPath: usage, withIntermediateDirectories: true)
        var factory = RecordFactory(seed: 13)
        let good = factory.record(index: 0, at: midnight).jsonLine
        try write(good + Array("not json\n".utf8) + good + Array("{\"v\":1".utf8), to: usage + "/usage-2025-12-01.jsonl")
        let log = try UsageLog.open(dataDirectory: dataDirectory.path)
        XCTAssertEqual(log.recovery.tornTails.count, 1)
        XCTAssertEqual(log.loaded.records, 2)
        XCTAssertEqual(log.loaded.badLines, 1)
        let report = log.aggregate.report(UsageQuery(from: midnight, to: midnight + 86_400_000))
        XCTAssertEqual(report.totals.requests, 2)
    }
}
