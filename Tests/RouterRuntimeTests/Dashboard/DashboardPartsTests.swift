import Foundation
import RouteCompiler
import RouteModel
import UsageLog
import XCTest
@testable import RouterRuntime

/// The dashboard's parts in process: the bounded ring of recent requests and its subscribers,
/// the routes preview's diagnostics and diff, the playground, the overview's numbers.
final class DashboardPartsTests: XCTestCase {
    private func summary(_ index: Int, client: String = "c", status: Int = 200) -> RequestSummary {
        RequestSummary(
            record: UsageRecord(
                timestampMilliseconds: 1_800_000_000_000 + Int64(index), requestID: "req_\(index)", client: client, inbound: .anthropic,
                modelRequested: "m", target: "p/m", attempts: [.init(target: "p/m", status: status)], status: status,
                error: status >= 400 ? "rate_limited" : nil, durationMilliseconds: 5
            ),
            rule: nil, endpoint: "messages"
        )
    }

    func testTheRingKeepsOnlyTheNewestAndForgetsSubscribersThatLeave() async throws {
        let ring = RecentRequests(capacity: 100)
        for index in 0..<5000 { ring.add(summary(index)) }
        let newest = ring.newest(limit: 1000)
        XCTAssertEqual(newest.count, 100)
        XCTAssertEqual(newest.first?.requestID, "req_4999")
        XCTAssertEqual(newest.last?.requestID, "req_4900")
        XCTAssertNil(ring.find(requestID: "req_10"))
        XCTAssertEqual(ring.newest(limit: 10) { $0.record.timestampMilliseconds % 2 == 0 }.count, 10)

        var stream: AsyncStream<RequestSummary>? = ring.subscribe()
        XCTAssertEqual(ring.subscriberCount, 1)
        ring.add(summary(6000, status: 429))
        var iterator = stream?.makeAsyncIterator()
        let received = await iterator?.next()
        XCTAssertEqual(received?.requestID, "req_6000")
        XCTAssertEqual(ring.lastError(provider: "p")?.errorClass, "rate_limited")
        iterator = nil
        stream = nil
        XCTAssertEqual(ring.subscriberCount, 0, "a dropped subscription is removed")

        // A subscriber that never reads holds at most its buffer, not every event.
        let idle = ring.subscribe()
        for index in 0..<10_000 { ring.add(summary(10_000 + index)) }
        var idleIterator = idle.makeAsyncIterator()
        let oldestKept = await idleIterator.next()
        XCTAssertEqual(oldestKept?.requestID, "req_\(20_000 - RecentRequests.subscriberBuffer)", "older events were dropped, not queued")
    }

    func testThePreviewShowsEachErrorAtItsLineOrTheDiffInWords() throws {
        let running = try RouteCompiler.compileTable(routesYAML: DashboardAccessTests.adminYAML(upstreamPort: 1))
        let broken = DashboardAccessTests.adminYAML(upstreamPort: 1).replacingOccurrences(of: "\"gpt-*\": oai", with: "\"gpt-*\": no-such-name")
        let line = try XCTUnwrap(broken.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("no-such-name") }) + 1
        let failed = RoutesPreview.run(yaml: broken, running: running)
        XCTAssertNil(failed.changes)
        XCTAssertTrue(failed.diagnostics.contains { $0.severity == .error && $0.location.line == line }, "\(failed.diagnostics)")
        XCTAssertTrue(failed.html.contains("line \(line), column"), failed.html)

        let same = RoutesPreview.run(yaml: DashboardAccessTests.adminYAML(upstreamPort: 1) + "# a comment\n", running: running)
        XCTAssertEqual(same.changes?.isEmpty, true)
        XCTAssertTrue(same.html.contains("no routing change"))

        let edited = DashboardAccessTests.adminYAML(upstreamPort: 1).replacingOccurrences(of: "anthro: up-anthropic/claude-up-1", with: "anthro: up-anthropic/claude-up-2")
        let changed = RoutesPreview.run(yaml: edited, running: running)
        XCTAssertEqual(changed.changes?.isEmpty, false)
        XCTAssertTrue(changed.html.contains("claude-up-2"), changed.html)
        XCTAssertTrue(changed.json.contains("\"ok\":true"))
    }

    func testTheBundledCatalogIsTheRepositorysCatalog() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../routes/catalog.yaml").standardized
        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertEqual(BundledCatalog.yaml + "\n", text, "run scripts/embed-catalog")
    }

    func testOverviewCountsEqualTheAggregateAndFillEveryBucket() throws {
        let aggregate = UsageAggregate()
        let now: Int64 = 1_800_000_000_000
        for index in 0..<30 {
            aggregate.add(UsageRecord(
                timestampMilliseconds: now - Int64(index) * 3_600_000 / 2, requestID: "r\(index)", client: index % 2 == 0 ? "a" : "b",
                inbound: .openai, modelRequested: "m\(index % 3)", target: "p/x", status: index % 5 == 0 ? 502 : 200,
                inputTokens: 10, outputTokens: 5, costUSD: USDAmount(picodollars: 1_000_000_000), durationMilliseconds: 100 + index
            ))
        }
        let range = try OverviewRange.parse(range: "24h", from: nil, to: nil, now: now + 1)
        let overview = Overview.build(aggregate: aggregate, range: range)
        XCTAssertEqual(overview.totals.requests, aggregate.report(range.query).totals.requests)
        XCTAssertEqual(overview.series.groups.count, 25, "24 h widened to whole hours, every hour present")
        XCTAssertEqual(overview.series.groups.map(\.counters.requests).reduce(0, +), overview.totals.requests)
        XCTAssertEqual(overview.models.groups.count, 3)
        let html = OverviewPage.render(overview, hasUsageLog: true)
        XCTAssertTrue(html.contains("id=\"stat-requests\">\(overview.totals.requests)<"), html)
        XCTAssertTrue(html.contains("<svg id=\"chart-requests\""))
        let cost = String(format: "$%.4f", Double(overview.totals.requests) / 1000)
        XCTAssertTrue(html.contains("id=\"stat-cost\">\(cost)<"), "a tenth of a cent a request: \(cost)")
        XCTAssertEqual(try OverviewRange.parse(range: nil, from: nil, to: nil, now: now).name, "24h")
    }
}
