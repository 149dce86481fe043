import Foundation
import UsageLog
import XCTest

final class UsageAggregateTests: XCTestCase {
    private let midnight: Int64 = 20_423 * 86_400_000

    /// Totals recounted from the raw files with Foundation's own JSON parser.
    private struct Recount: Equatable {
        var requests = 0, errors = 0, input = 0, output = 0, cacheRead = 0, cacheWrite = 0, reasoning = 0

        init() {}

        init(directory: String, where include: ([String: Any]) -> Bool = { _ in true }) throws {
            for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasSuffix(".jsonl") {
                let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
                for line in data.split(separator: 0x0A) {
                    let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
                    guard include(object) else { continue }
                    requests += 1
                    if !(object["error"] is NSNull) || (object["status"] as? Int ?? 0) >= 400 { errors += 1 }
                    input += object["input_tokens"] as? Int ?? 0
                    output += object["output_tokens"] as? Int ?? 0
                    cacheRead += object["cache_read_tokens"] as? Int ?? 0
                    cacheWrite += object["cache_write_tokens"] as? Int ?? 0
                    reasoning += object["reasoning_tokens"] as? Int ?? 0
                }
            }
        }

        init(_ counters: UsageCounters) {
            requests = counters.requests
            errors = counters.errors
            input = counters.inputTokens
            output = counters.outputTokens
            cacheRead = counters.cacheReadTokens
            cacheWrite = counters.cacheWriteTokens
            reasoning = counters.reasoningTokens
        }
    }

    /// Writes `count` records over three days through the writer, feeding `aggregate`.
    private func writeLog(to directory: String, aggregate: UsageAggregate, count: Int) async throws -> [UsageRecord] {
        var factory = RecordFactory(seed: 21)
        let records = (0..<count).map { factory.record(index: $0, at: midnight + Int64($0) * 3 * 86_400_000 / Int64(count)) }
        let writer = UsageWriter(directory: directory, aggregate: aggregate)
        try await writer.running { for record in records { writer.record(record) } }
        return records
    }

    func testTotalsEqualARecountOfTheRawFiles() async throws {
        let directory = try TemporaryDirectory("recount")
        defer { directory.remove() }
        let live = UsageAggregate()
        _ = try await writeLog(to: directory.path, aggregate: live, count: 3000)
        let (loaded, report) = try UsageAggregate.load(directory: directory.path)
        XCTAssertEqual(report.records, 3000)
        let everything = UsageQuery(from: midnight, to: midnight + 3 * 86_400_000, groupBy: .model)
        let recount = try Recount(directory: directory.path)
        XCTAssertEqual(recount.requests, 3000)
        for aggregate in [live, loaded] {
            let result = aggregate.report(everything)
            XCTAssertEqual(Recount(result.totals), recount)
            for group in result.groups {
                let perModel = try Recount(directory: directory.path) { $0["model_requested"] as? String == group.key }
                XCTAssertEqual(Recount(group.counters), perModel, group.key)
            }
            XCTAssertEqual(result.groups.map(\.counters.requests).reduce(0, +), 3000)
        }
        // The second day alone, by date parameters, against the same recount restricted to it.
        let secondDay = try UsageQuery.parse(from: "2025-12-02", to: "2025-12-02", groupBy: "target")
        let dayRecount = try Recount(directory: directory.path) { ($0["ts"] as? String)?.hasPrefix("2025-12-02") == true }
        XCTAssertEqual(Recount(live.report(secondDay).totals), dayRecount)
    }

    func testGroupingsSplitTheSameTotals() async throws {
        let directory = try TemporaryDirectory("groups")
        defer { directory.remove() }
        let aggregate = UsageAggregate()
        let records = try await writeLog(to: directory.path, aggregate: aggregate, count: 900)
        let window = (from: midnight, to: midnight + 3 * 86_400_000)
        for grouping in UsageGrouping.allCases {
            let report = aggregate.report(UsageQuery(from: window.from, to: window.to, groupBy: grouping))
            XCTAssertEqual(report.groups.map(\.counters.requests).reduce(0, +), 900, grouping.rawValue)
            let expectedKeys: Set<String>
            switch grouping {
            case .day: expectedKeys = ["2025-12-01", "2025-12-02", "2025-12-03"]
            case .hour: expectedKeys = Set(records.map { UTCTime(epochMilliseconds: $0.timestampMilliseconds).hourString })
            case .model: expectedKeys = Set(records.map(\.modelRequested))
            case .target: expectedKeys = Set(records.map { $0.target ?? "-" })
            case .client: expectedKeys = Set(records.map(\.client))
            case .route: expectedKeys = Set(records.map { $0.route ?? "-" })
            }
            XCTAssertEqual(Set(report.groups.map(\.key)), expectedKeys, grouping.rawValue)
            for group in report.groups {
                let members: [UsageRecord]
                switch grouping {
                case .day: members = records.filter { UTCTime(epochMilliseconds: $0.timestampMilliseconds).dayString == group.key }
                case .hour: members = records.filter { UTCTime(epochMilliseconds: $0.timestampMilliseconds).hourString == group.key }
                case .model: members = records.filter { $0.modelRequested == group.key }
                case .target: members = records.filter { ($0.target ?? "-") == group.key }
                case .client: members = records.filter { $0.client == group.key }
                case .route: members = records.filter { ($0.route ?? "-") == group.key }
                }
                XCTAssertEqual(group.counters.requests, members.count)
                XCTAssertEqual(group.counters.outputTokens, members.map { $0.outputTokens ?? 0 }.reduce(0, +))
            }
        }
        let hours = aggregate.report(UsageQuery(from: window.from, to: window.to, groupBy: .hour)).groups.map(\.key)
        XCTAssertEqual(hours, hours.sorted(), "time groups come in time order")
    }

    /// The exact nearest-rank percentile of the samples.
    private func exactPercentile(_ samples: [Int], _ fraction: Double) -> Int {
        let sorted = samples.sorted()
        let rank = max(1, Int((fraction * Double(sorted.count)).rounded(.up)))
        return sorted[rank - 1]
    }

    func testPercentilesAgreeWithBruteForceWithinTheBucketWidth() throws {
        var factory = RecordFactory(seed: 31)
        for trial in 0..<40 {
            let count = 1 + factory.random(below: 3000)
            let samples = (0..<count).map { _ in factory.random(below: 1 << (1 + factory.random(below: 20))) }
            var histogram = LogHistogram()
            // Split across two histograms and merge, as hours are merged in a query.
            var other = LogHistogram()
            for (index, sample) in samples.enumerated() {
                if index % 3 == 0 { other.record(sample) } else { histogram.record(sample) }
            }
            histogram.merge(other)
            XCTAssertEqual(histogram.count, count)
            for fraction in [0.5, 0.95, 0.99] {
                let exact = exactPercentile(samples, fraction)
                let estimate = try XCTUnwrap(histogram.percentile(fraction))
                XCTAssertLessThanOrEqual(abs(estimate - exact), exact / 32, "trial \(trial) p\(fraction): \(estimate) vs \(exact)")
            }
        }
        XCTAssertNil(LogHistogram().percentile(0.5))
    }

    func testReportPercentilesMatchTheRecordsOfTheGroup() async throws {
        let directory = try TemporaryDirectory("percentiles")
        defer { directory.remove() }
        let aggregate = UsageAggregate()
        let records = try await writeLog(to: directory.path, aggregate: aggregate, count: 1500)
        let report = aggregate.report(UsageQuery(from: midnight, to: midnight + 3 * 86_400_000, groupBy: .target))
        for group in report.groups {
            let members = records.filter { $0.target == group.key }
            let latency = members.map(\.durationMilliseconds)
            let ttft = members.compactMap(\.ttftMilliseconds)
            for fraction in [0.5, 0.95] {
                let latencyExact = exactPercentile(latency, fraction)
                let ttftExact = exactPercentile(ttft, fraction)
                XCTAssertLessThanOrEqual(abs((group.counters.latency.percentile(fraction) ?? -1) - latencyExact), latencyExact / 32)
                XCTAssertLessThanOrEqual(abs((group.counters.timeToFirstToken.percentile(fraction) ?? -1) - ttftExact), ttftExact / 32)
            }
        }
    }

    func testJSONBodyHasTheDocumentedShape() async throws {
        let directory = try TemporaryDirectory("json")
        defer { directory.remove() }
        let aggregate = UsageAggregate()
        _ = try await writeLog(to: directory.path, aggregate: aggregate, count: 300)
        let query = try UsageQuery.parse(from: "2025-12-01T06:30:00Z", to: "2025-12-02T00:00:00Z", groupBy: "client")
        let body = aggregate.report(query).jsonBytes
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        XCTAssertEqual(object["object"] as? String, "usage_report")
        XCTAssertEqual(object["from"] as? String, "2025-12-01T06:00:00.000Z", "widened down to the hour")
        XCTAssertEqual(object["to"] as? String, "2025-12-02T00:00:00.000Z")
        XCTAssertEqual(object["group_by"] as? String, "client")
        let totals = try XCTUnwrap(object["totals"] as? [String: Any])
        let groups = try XCTUnwrap(object["groups"] as? [[String: Any]])
        let fields = ["requests", "errors", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens",
                      "reasoning_tokens", "cost_usd", "unpriced_requests", "latency_p50_ms", "latency_p95_ms", "ttft_p50_ms",
                      "ttft_p95_ms"]
        XCTAssertEqual(Set(totals.keys), Set(fields))
        XCTAssertEqual(Set(groups.map { $0["key"] as? String }), ["laptop", "ci"])
        XCTAssertEqual(groups.map { $0["requests"] as? Int ?? 0 }.reduce(0, +), totals["requests"] as? Int)
        XCTAssertGreaterThan(totals["requests"] as? Int ?? 0, 0)

        let empty = aggregate.report(UsageQuery(from: 0, to: 3_600_000)).jsonBytes
        let emptyObject = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(empty)) as? [String: Any])
        let emptyTotals = try XCTUnwrap(emptyObject["totals"] as? [String: Any])
        XCTAssertEqual(emptyTotals["requests"] as? Int, 0)
        XCTAssertTrue(emptyTotals["latency_p50_ms"] is NSNull)
    }

    func testTableListsEveryGroupAndTheTotal() async throws {
        let directory = try TemporaryDirectory("table")
        defer { directory.remove() }
        let aggregate = UsageAggregate()
        _ = try await writeLog(to: directory.path, aggregate: aggregate, count: 200)
        let report = aggregate.report(UsageQuery(from: midnight, to: midnight + 3 * 86_400_000, groupBy: .model))
        let lines = report.table.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[1].hasPrefix("model"))
        for group in report.groups {
            XCTAssertTrue(lines.contains { $0.hasPrefix(group.key + " ") && $0.contains(" \(group.counters.requests) ") }, group.key)
        }
        XCTAssertTrue(lines.last?.hasPrefix("total") == true)
        XCTAssertTrue(lines.last?.contains(" 200 ") == true)
    }

    func testQueryParameters() throws {
        let now: Int64 = midnight + 10 * 3_600_000
        let defaults = try UsageQuery.parse(from: nil, to: nil, groupBy: nil, now: now)
        XCTAssertEqual(defaults, UsageQuery(from: midnight - 6 * 86_400_000, to: now, groupBy: .day))
        let day = try UsageQuery.parse(from: "2025-12-01", to: "2025-12-01", groupBy: "HOUR", now: now)
        XCTAssertEqual(day, UsageQuery(from: midnight, to: midnight + 86_400_000, groupBy: .hour))
        XCTAssertThrowsError(try UsageQuery.parse(from: nil, to: nil, groupBy: "provider", now: now)) { error in
            XCTAssertEqual(error as? UsageQueryError, .invalidGroupBy("provider"))
        }
        XCTAssertThrowsError(try UsageQuery.parse(from: "last week", to: nil, groupBy: nil, now: now))
        XCTAssertThrowsError(try UsageQuery.parse(from: "2025-12-02", to: "2025-12-01T00:00:00Z", groupBy: nil, now: now)) { error in
            XCTAssertEqual(error as? UsageQueryError, .emptyWindow)
        }
    }
}
