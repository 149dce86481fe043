import XCTest

/// `/v1/models`, `/healthz`, `/readyz`, and a table without clients.
final class EndpointTests: XCTestCase {
    var upstream: TestUpstream!

    override func setUp() async throws {
        upstream = try await TestUpstream.start()
    }

    override func tearDown() async throws {
        upstream.stop()
    }

    func testModelsListInBothShapesFilteredByClient() async throws {
        let router = try await RouterHarness.start(yaml: RouterHarness.yaml(upstreamPort: upstream.port))
        defer { Task { try await router.stop() } }

        let anthropic = try await router.send(.GET, "/v1/models", headers: RouterHarness.anthropicHeaders())
        XCTAssertEqual(anthropic.status, 200)
        let anthropicData = try XCTUnwrap(anthropic.json["data"] as? [[String: Any]])
        let anthropicIDs = anthropicData.compactMap { $0["id"] as? String }
        XCTAssertEqual(Array(anthropicIDs.prefix(6)), ["anthro", "oai", "deadalias", "crossed", "resilient", "unreachable-first"])
        XCTAssertTrue(anthropicIDs.contains("up-anthropic/claude-up-1"))
        XCTAssertEqual(anthropicData.first?["type"] as? String, "model")
        XCTAssertEqual(anthropic.json["has_more"] as? Bool, false)

        let openAI = try await router.send(.GET, "/v1/models", headers: RouterHarness.openAIHeaders())
        XCTAssertEqual(openAI.json["object"] as? String, "list")
        let openAIData = try XCTUnwrap(openAI.json["data"] as? [[String: Any]])
        XCTAssertEqual(openAIData.compactMap { $0["id"] as? String }, anthropicIDs)
        XCTAssertEqual(openAIData.first?["object"] as? String, "model")

        let limited = try await router.send(.GET, "/v1/models", headers: RouterHarness.openAIHeaders(key: RouterHarness.limitedClientKey))
        let limitedIDs = (limited.json["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        XCTAssertEqual(limitedIDs, ["oai"])

        let anonymous = try await router.send(.GET, "/v1/models", headers: [])
        XCTAssertEqual(anonymous.status, 401)
    }

    func testHealthAndReadinessNameMissingCredentialsWithoutValues() async throws {
        let router = try await RouterHarness.start(yaml: RouterHarness.yaml(upstreamPort: upstream.port))
        defer { Task { try await router.stop() } }
        let health = try await router.send(.GET, "/healthz", headers: [])
        XCTAssertEqual(health.status, 200)
        XCTAssertNotNil(health.header("x-router-target"))

        let ready = try await router.send(.GET, "/readyz", headers: [])
        XCTAssertEqual(ready.status, 503)
        let providers = try XCTUnwrap(ready.json["providers"] as? [[String: Any]])
        XCTAssertEqual(providers.count, 1)
        XCTAssertEqual(providers.first?["provider"] as? String, "nokey")
        XCTAssertEqual(providers.first?["missing_env"] as? [String], ["TEST_UNSET_KEY"])
        XCTAssertFalse(ready.text.contains(RouterHarness.anthropicKey))

        let withAll = try await RouterHarness.start(
            yaml: RouterHarness.yaml(upstreamPort: upstream.port),
            environment: RouterHarness.environment.merging(["TEST_UNSET_KEY": "k"]) { $1 }
        )
        defer { Task { try await withAll.stop() } }
        let allReady = try await withAll.send(.GET, "/readyz", headers: [])
        XCTAssertEqual(allReady.status, 200, allReady.text)
    }

    func testMissingCredentialsAnswer503NamingTheVariable() async throws {
        let router = try await RouterHarness.start(yaml: RouterHarness.yaml(upstreamPort: upstream.port))
        defer { Task { try await router.stop() } }
        let reply = try await router.send("/v1/messages", json: Bodies.anthropic(model: "nokey/claude-nokey"))
        XCTAssertEqual(reply.status, 503)
        XCTAssertTrue(reply.errorMessage.contains("TEST_UNSET_KEY"), reply.errorMessage)
        XCTAssertTrue(upstream.recorded.isEmpty)
    }

    func testWithoutClientsAnyCallerIsServed() async throws {
        let router = try await RouterHarness.start(yaml: RouterHarness.yaml(upstreamPort: upstream.port, clients: false))
        defer { Task { try await router.stop() } }
        let reply = try await router.send("/v1/messages", headers: [("content-type", "application/json")], json: Bodies.anthropic(model: "claude-x"))
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertNil(upstream.recorded.last?.header("authorization"))
        XCTAssertEqual(upstream.recorded.last?.header("x-api-key"), RouterHarness.anthropicKey)
    }
}
