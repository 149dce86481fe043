import Foundation
import RouteModel
import UsageLog
import XCTest

/// `cost_usd` on usage lines (schema 2): exact decimals on the line, version 1 lines still load
/// and aggregate, and every grouping's cost equals the sum of its lines to the picodollar.
final class UsageCostTests: XCTestCase {
    private let midnight: Int64 = 20_429 * 86_400_000

    private func usd(_ text: String) -> USDAmount { USDAmount(decimal: Array(text.utf8))! }

    private func record(_ index: Int, client: String, cost: USDAmount?) -> UsageRecord {
        UsageRecord(
            timestampMilliseconds: midnight + Int64(index) * 60_000, requestID: "r\(index)", client: client, inbound: .openai,
            modelRequested: "m\(index % 3)", target: "p/m\(index % 3)", status: 200, inputTokens: 100, outputTokens: 7,
            costUSD: cost, durationMilliseconds: 10
        )
    }

    func testCostIsWrittenAsAnExactDecimalAndReadBack() throws {
        let line = record(1, client: "a", cost: usd("0.000123456789")).jsonLine
        let text = String(decoding: line, as: UTF8.self)
        XCTAssertTrue(text.contains(#""v":2"#), text)
        XCTAssertTrue(text.contains(#""cost_usd":0.000123456789,"#), text)
        XCTAssertEqual(try UsageRecord(jsonLine: line).costUSD, usd("0.000123456789"))
        let unpriced = String(decoding: record(2, client: "a", cost: nil).jsonLine, as: UTF8.self)
        XCTAssertTrue(unpriced.contains(#""cost_usd":null,"#), unpriced)
        XCTAssertNil(try UsageRecord(jsonLine: Array(unpriced.utf8)).costUSD)
        // Other writers' number spellings parse too; text is not a number.
        let exponent = #"{"v":2,"ts":"2026-12-07T00:00:00.000Z","request_id":"x","client":"-","inbound":"openai","model_requested":"m","status":200,"cost_usd":1.5e-6,"duration_ms":1}"#
        XCTAssertEqual(try UsageRecord(jsonLine: Array(exponent.utf8)).costUSD, usd("0.0000015"))
        let text2 = #"{"v":2,"ts":"2026-12-07T00:00:00.000Z","request_id":"x","client":"-","inbound":"openai","model_requested":"m","status":200,"cost_usd":"1","duration_ms":1}"#
        XCTAssertThrowsError(try UsageRecord(jsonLine: Array(text2.utf8)))
    }

    func testVersionOneLinesStillLoadAndAggregate() throws {
        let directory = try TemporaryDirectory("v1")
        defer { directory.remove() }
        let v1 = #"{"v":1,"ts":"2025-12-07T10:00:00.000Z","request_id":"old","client":"a","inbound":"anthropic","model_requested":"m","route":null,"target":"p/m","attempts":[],"status":200,"error":null,"stream":false,"input_tokens":40,"output_tokens":2,"cache_read_tokens":null,"cache_write_tokens":null,"reasoning_tokens":null,"ttft_ms":null,"duration_ms":9,"bytes_out":3}"#
        var bytes = Array(v1.utf8) + [0x0A]
        let priced = UsageRecord(
            timestampMilliseconds: 1_796_637_600_000 - 365 * 86_400_000, requestID: "new", client: "a", inbound: .openai,
            modelRequested: "m", target: "p/m", status: 200, inputTokens: 10, outputTokens: 1, costUSD: usd("0.25"),
            durationMilliseconds: 4
        )
        bytes += priced.jsonLine
        try Data(bytes).write(to: URL(fileURLWithPath: directory.file("usage-2025-12-07.jsonl")))
        let (aggregate, report) = try UsageAggregate.load(directory: directory.path)
        XCTAssertEqual(report.badLines, 0)
        let totals = aggregate.report(UsageQuery(from: 1_764_979_200_000, to: 1_765_152_000_000, groupBy: .client)).totals
        XCTAssertEqual(totals.requests, 2)
        XCTAssertEqual(totals.inputTokens, 50)
        XCTAssertEqual(totals.costUSD, usd("0.25"))
        XCTAssertEqual(totals.unpricedRequests, 1, "the version 1 line used tokens but has no cost")
    }

    func testEveryGroupingsCostEqualsTheSumOfItsLines() {
        let aggregate = UsageAggregate()
        var expectedByClient: [String: USDAmount] = [:]
        var expectedTotal = USDAmount.zero
        var records: [UsageRecord] = []
        for index in 0..<3000 {
            // Prices with twelve significant decimals, as cache reads at fractions of a cent are.
            let cost = USDAmount(picodollars: Int64(index % 97) * 1_234_567 + 1)
            let client = ["a", "b", "c"][index % 3]
            records.append(record(index, client: client, cost: index % 11 == 0 ? nil : cost))
            if index % 11 != 0 {
                expectedByClient[client, default: .zero] += cost
                expectedTotal += cost
            }
        }
        aggregate.add(contentsOf: records)
        let window = UsageQuery(from: midnight, to: midnight + 3 * 86_400_000, groupBy: .client)
        let byClient = aggregate.report(window)
        XCTAssertEqual(byClient.totals.costUSD, expectedTotal)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: byClient.groups.map { ($0.key, $0.counters.costUSD) }), expectedByClient)
        for grouping in UsageGrouping.allCases {
            let report = aggregate.report(UsageQuery(from: window.from, to: window.to, groupBy: grouping))
            XCTAssertEqual(report.groups.reduce(USDAmount.zero) { $0 + $1.counters.costUSD }, expectedTotal, "\(grouping)")
            XCTAssertEqual(report.totals.unpricedRequests, 273, "\(grouping)")
        }
        let json = String(decoding: byClient.jsonBytes, as: UTF8.self)
        XCTAssertTrue(json.contains(#""cost_usd":\#(expectedTotal.decimalString),"#), json)
        XCTAssertTrue(byClient.table.contains("cost_usd"), byClient.table)
    }
}
