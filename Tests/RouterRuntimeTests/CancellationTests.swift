import AsyncHTTPClient
import NIOCore
import XCTest

/// A client that leaves before the upstream has answered at all cancels the request's work at
/// once, not when the upstream's head or the first-byte timeout (two minutes here) arrives.
final class CancellationTests: XCTestCase {
    func testAClientLeavingBeforeTheResponseHeadCancelsTheUpstreamWait() async throws {
        let upstream = try await TestUpstream.start()
        let router = try await RouterHarness.start(yaml: RouterHarness.yaml(upstreamPort: upstream.port))
        let gate = Gate()
        upstream.script(model: "claude-up-1", .stall(gate))

        let client = router.client
        let url = router.base + "/v1/messages"
        let caller = Task {
            let request = RouterHarness.request(url: url, json: Bodies.anthropic(model: "anthro"))
            _ = try await client.execute(request, timeout: .seconds(60))
        }
        // Wait until the request is at the upstream, then let the caller go away.
        var polls = 0
        while upstream.recorded.isEmpty, polls < 400 {
            try await Task.sleep(for: .milliseconds(25))
            polls += 1
        }
        XCTAssertEqual(upstream.recorded.count, 1, "the request never reached the upstream")
        caller.cancel()
        _ = await caller.result

        // The router logs the request as closed by the client while the upstream still stalls.
        polls = 0
        while !router.logs.all.contains(where: { $0.contains("status=499") }), polls < 400 {
            try await Task.sleep(for: .milliseconds(25))
            polls += 1
        }
        let line = router.logs.all.first { $0.contains("status=499") }
        XCTAssertNotNil(line, "the router kept waiting for the upstream: \(router.logs.all)")
        XCTAssertTrue(line?.contains("error=client_closed_request") ?? false)

        gate.open()
        // The router keeps serving.
        let reply = try await router.send("/v1/messages", json: Bodies.anthropic(model: "up-anthropic/claude-up-2"))
        XCTAssertEqual(reply.status, 200)
        try await router.stop()
        upstream.stop()
    }
}
