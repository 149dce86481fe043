import Foundation
import UsageLog
import XCTest

final class UsageWriterTests: XCTestCase {
    private let day: Int64 = 20_423  // 2025-12-01
    private var midnight: Int64 { day * 86_400_000 }

    func testThousandConcurrentRecordsBecomeThousandWholeLines() async throws {
        let directory = try TemporaryDirectory("concurrency")
        defer { directory.remove() }
        let writer = UsageWriter(directory: directory.path)
        var factory = RecordFactory(seed: 1)
        let records = (0..<1000).map { factory.record(index: $0, at: midnight + 3_600_000 + Int64($0)) }
        try await writer.running {
            await withTaskGroup(of: UsageRecordOutcome.self) { group in
                for record in records { group.addTask { writer.record(record) } }
                for await outcome in group { XCTAssertEqual(outcome, .queued) }
            }
        }
        let lines = try directory.lines(of: "usage-2025-12-01.jsonl")
        XCTAssertEqual(lines.count, 1000)
        let parsed = try lines.map { try UsageRecord(jsonLine: $0) }
        XCTAssertEqual(Set(parsed.map(\.requestID)), Set(records.map(\.requestID)))
        // No byte of one line inside another: each line is exactly some record's encoding.
        let encodings = Set(records.map { Array($0.jsonLine.dropLast()) })
        for line in lines { XCTAssertTrue(encodings.contains(line)) }
        for line in lines { XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line))) }
        let statistics = writer.statistics
        XCTAssertEqual(statistics.accepted, 1000)
        XCTAssertEqual(statistics.written, 1000)
        XCTAssertEqual(statistics.dropped, 0)
        XCTAssertEqual(statistics.queueDepth, 0)
    }

    func testFullQueueDropsAreCountedNotWritten() async throws {
        let directory = try TemporaryDirectory("drops")
        defer { directory.remove() }
        // The writer is not running yet, so nothing leaves the queue of ten.
        let writer = UsageWriter(directory: directory.path, configuration: .init(queueCapacity: 10))
        var factory = RecordFactory(seed: 2)
        let outcomes = (0..<25).map { writer.record(factory.record(index: $0, at: midnight + Int64($0))) }
        XCTAssertEqual(outcomes.filter { $0 == .queued }.count, 10)
        XCTAssertEqual(outcomes.filter { $0 == .dropped }.count, 15)
        XCTAssertEqual(writer.statistics.dropped, 15)
        XCTAssertEqual(writer.statistics.queueDepth, 10)
        try await writer.running {}
        XCTAssertEqual(writer.statistics.written, 10)
        XCTAssertEqual(try directory.lines(of: "usage-2025-12-01.jsonl").count, 10)
        XCTAssertEqual(writer.record(factory.record(index: 99, at: midnight)), .closed)
        XCTAssertEqual(writer.statistics.dropped, 16)
    }

    func testRecordsGoToTheFileOfTheirUTCDay() async throws {
        let directory = try TemporaryDirectory("rotation")
        defer { directory.remove() }
        let writer = UsageWriter(directory: directory.path)
        var factory = RecordFactory(seed: 3)
        // Interleaved around midnight, as requests that started before it finish after it.
        let stamps: [Int64] = [midnight - 100, midnight + 100, midnight - 50, midnight + 1, midnight - 1, midnight]
        try await writer.running {
            for (index, stamp) in stamps.enumerated() { writer.record(factory.record(index: index, at: stamp)) }
            await writer.drain()
            writer.record(factory.record(index: 6, at: midnight + 86_400_000))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        XCTAssertEqual(names, ["usage-2025-11-30.jsonl", "usage-2025-12-01.jsonl", "usage-2025-12-02.jsonl"])
        let before = try directory.lines(of: "usage-2025-11-30.jsonl").map { try UsageRecord(jsonLine: $0) }
        let after = try directory.lines(of: "usage-2025-12-01.jsonl").map { try UsageRecord(jsonLine: $0) }
        XCTAssertEqual(before.map(\.requestID), ["req-0", "req-2", "req-4"])
        XCTAssertEqual(after.map(\.requestID), ["req-1", "req-3", "req-5"])
        XCTAssertEqual(try directory.lines(of: "usage-2025-12-02.jsonl").count, 1)
    }

    func testDrainWaitsForDurabilityAndKeepsTheAggregateCurrent() async throws {
        let directory = try TemporaryDirectory("drain")
        defer { directory.remove() }
        let aggregate = UsageAggregate()
        let writer = UsageWriter(directory: directory.path, aggregate: aggregate)
        var factory = RecordFactory(seed: 4)
        let query = UsageQuery(from: midnight, to: midnight + 86_400_000, groupBy: .day)
        try await writer.running {
            for round in 1...3 {
                for index in 0..<100 { writer.record(factory.record(index: round * 1000 + index, at: midnight + Int64(index))) }
                await writer.drain()
                XCTAssertEqual(try directory.lines(of: "usage-2025-12-01.jsonl").count, round * 100)
                XCTAssertEqual(aggregate.report(query).totals.requests, round * 100)
            }
        }
        XCTAssertGreaterThanOrEqual(writer.statistics.groups, 3)
    }

    func testAppendsToAnExistingFile() async throws {
        let directory = try TemporaryDirectory("append")
        defer { directory.remove() }
        var factory = RecordFactory(seed: 5)
        for pass in 0..<2 {
            let writer = UsageWriter(directory: directory.path)
            try await writer.running {
                for index in 0..<10 { writer.record(factory.record(index: pass * 10 + index, at: midnight)) }
            }
        }
        let ids = try directory.lines(of: "usage-2025-12-01.jsonl").map { try UsageRecord(jsonLine: $0).requestID }
        XCTAssertEqual(ids, (0..<20).map { "req-\($0)" })
    }
}
