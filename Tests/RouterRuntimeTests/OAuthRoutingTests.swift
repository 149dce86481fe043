import FakeAuthServerLauncher
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import XCTest

/// OAuth on the request path, end to end: a real router (with a token store in a temporary data
/// directory), a real `fake-auth-server` process as the authorization server, and a
/// ``TestUpstream`` as the OAuth provider's API. Logins go through the router's own endpoints
/// (device flow, approved through the fake server's control endpoint, as a user would in the
/// browser).
final class OAuthRoutingTests: XCTestCase {
    /// Login through `/v1/oauth/...`, then the issued token reaches the upstream and `/readyz`
    /// turns ready.
    func testDeviceLoginThroughTheRouterThenRequestsCarryTheIssuedToken() async throws {
        let rig = try await OAuthRig.start(self, fakeArguments: ["--access-ttl", "60"])
        var errorBodies: [String] = []

        // Before any login: not ready, and a request to the provider says how to fix it.
        let before = try await rig.router.send(.GET, "/readyz", headers: [])
        XCTAssertEqual(before.status, 503, before.text)
        let unready = try XCTUnwrap(before.json["providers"] as? [[String: Any]])
        XCTAssertEqual(unready.map { $0["provider"] as? String }, ["corp"], before.text)
        XCTAssertEqual(unready.first?["needs"] as? String, "oauth login")
        XCTAssertEqual(unready.first?["oauth"] as? String, "no-account")
        let early = try await rig.router.send("/v1/messages", json: Bodies.anthropic(model: "corp/corp-model-1"))
        XCTAssertEqual(early.status, 503, early.text)
        XCTAssertTrue(early.errorMessage.contains("claude-router login corp"), early.errorMessage)
        XCTAssertTrue(rig.upstream.recorded.isEmpty)
        errorBodies.append(early.text)

        // Starting a login is the operator's business: the client key is required.
        let anonymous = try await rig.router.send(.POST, "/v1/oauth/corp/login", headers: [], body: nil)
        XCTAssertEqual(anonymous.status, 401, anonymous.text)
        let unknown = try await rig.router.send("/v1/oauth/nope/login", json: "{}")
        XCTAssertEqual(unknown.status, 404, unknown.text)

        let flow = try await rig.deviceLogin(account: "work", subject: "alice")
        XCTAssertEqual(flow["state"] as? String, "succeeded")
        XCTAssertEqual(flow["account"] as? String, "work")
        XCTAssertEqual(flow["flow"] as? String, "device")

        let issued = try await rig.auth.issued()
        XCTAssertEqual(issued.access.count, 1)
        let token = try XCTUnwrap(issued.access.first)
        XCTAssertEqual(token.subject, "alice")

        let reply = try await rig.router.send("/v1/messages", json: Bodies.anthropic(model: "corp/corp-model-1"))
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.header("x-router-target"), "corp/corp-model-1")
        XCTAssertEqual(reply.header("x-router-attempts"), "corp/corp-model-1:200")
        let seen = try XCTUnwrap(rig.upstream.recorded.last)
        XCTAssertEqual(seen.header("authorization"), "Bearer " + token.token)
        XCTAssertNil(seen.header("x-api-key"), "the client's key does not travel upstream")
        let awaitedWhoami = try await rig.auth.whoami(token.token)
        XCTAssertEqual(awaitedWhoami, 200, "the token the upstream saw is live at the authorization server")

        let after = try await rig.router.send(.GET, "/readyz", headers: [])
        XCTAssertEqual(after.status, 200, after.text)
        let accounts = try await rig.accounts()
        XCTAssertEqual(accounts.count, 1)
        XCTAssertEqual(accounts.first?["provider"] as? String, "corp")
        XCTAssertEqual(accounts.first?["account"] as? String, "work")
        XCTAssertEqual(accounts.first?["state"] as? String, "ok")
        let stats = try await rig.auth.stats()
        XCTAssertEqual(stats["token.device_code.ok"], 1)
        XCTAssertNil(stats["token.refresh_token"], "a fresh token is not refreshed")

        try await rig.assertNoSecretLeaks(in: errorBodies)
        await rig.shutdown()
    }

    /// Three-second tokens, steady sequential traffic over more than two lifetimes: every request
    /// succeeds on its first attempt and no token reaches the upstream after its expiry.
    func testProactiveRefreshUnderSteadyTraffic() async throws {
        let ttl = 3.0
        let rig = try await OAuthRig.start(self, fakeArguments: ["--access-ttl", "\(ttl)"])
        try await rig.deviceLogin()
        let first = try await rig.token(.first)

        var statuses: [Int: Int] = [:]
        var attemptHeaders: Set<String> = []
        var requests = 0
        // Until tokens issued more than two lifetimes after the first one have been used.
        while requests < 2_000 {
            let reply = try await rig.router.send("/v1/messages", json: Bodies.anthropic(model: "corp/corp-model-1"))
            statuses[reply.status, default: 0] += 1
            attemptHeaders.insert(reply.header("x-router-attempts") ?? "-")
            requests += 1
            let latest = try await rig.auth.issued().access.last
            if let latest, latest.issuedAt.timeIntervalSince(first.issuedAt) > 2 * ttl { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        // One more request, with the newest token.
        let last = try await rig.router.send("/v1/messages", json: Bodies.anthropic(model: "corp/corp-model-1"))
        statuses[last.status, default: 0] += 1
        requests += 1

        let issued = try await rig.auth.issued()
        let stats = try await rig.auth.stats()
        let byToken = Dictionary(issued.access.map { ($0.token, $0) }, uniquingKeysWith: { first, _ in first })
        let recorded = rig.upstream.recorded
        var unknown = 0
        var expired = 0
        var used: Set<String> = []
        for request in recorded {
            let bearer = String((request.header("authorization") ?? "").dropFirst("Bearer ".count))
            guard let token = byToken[bearer] else { unknown += 1; continue }
            used.insert(bearer)
            if let expiresAt = token.expiresAt, request.receivedAt >= expiresAt { expired += 1 }
        }

        XCTAssertEqual(statuses, [200: requests], "every request succeeds")
        XCTAssertEqual(attemptHeaders, ["corp/corp-model-1:200"], "no request needed a 401 retry")
        XCTAssertEqual(recorded.count, requests)
        XCTAssertEqual(unknown, 0, "every bearer token is one the fake server issued")
        XCTAssertEqual(expired, 0, "no token reached the upstream after its expiry")
        let refreshes = stats["token.refresh_token.ok"] ?? 0
        XCTAssertGreaterThanOrEqual(refreshes, 4, "more than two lifetimes at a refresh per half-life")
        XCTAssertEqual(stats["token.refresh_token"], refreshes, "every refresh succeeded")
        XCTAssertEqual(issued.access.count, refreshes + 1)
        XCTAssertEqual(used.count, issued.access.count, "each refreshed token was used; none was skipped")
        XCTAssertLessThan(refreshes, requests / 4, "tokens are reused until due: \(refreshes) refreshes for \(requests) requests")
        let ready = try await rig.router.send(.GET, "/readyz", headers: [])
        XCTAssertEqual(ready.status, 200, ready.text)
        print("OAuthRoutingTests.steady: \(requests) requests, \(refreshes) refreshes, \(used.count) tokens used")

        try await rig.assertNoSecretLeaks()
        await rig.shutdown()
    }

    /// 200 concurrent requests find the token expired: one refresh, all of them succeed with it.
    func testTwoHundredConcurrentRequestsAtExpiryCauseOneRefresh() async throws {
        // The refresh answer is held back, so that the requests pile up behind it.
        let rig = try await OAuthRig.start(self, fakeArguments: ["--access-ttl", "4", "--refresh-delay-ms", "300"])
        try await rig.deviceLogin()
        let old = try await rig.token(.first)
        try await eventually("the first token expires at the fake server") { try await rig.auth.whoami(old.token) == 401 }

        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let url = rig.router.base + "/v1/messages"
        let results = await withTaskGroup(of: (Int, String).self) { group in
            for _ in 0..<200 {
                group.addTask {
                    do {
                        let request = RouterHarness.request(url: url, json: Bodies.anthropic(model: "corp/corp-model-1"))
                        let response = try await client.execute(request, timeout: .seconds(60))
                        let body = try await response.body.collect(upTo: 1 << 20)
                        return (Int(response.status.code), String(buffer: body))
                    } catch {
                        return (-1, "\(error)")
                    }
                }
            }
            var all: [(Int, String)] = []
            for await result in group { all.append(result) }
            return all
        }
        try await client.shutdown()

        let stats = try await rig.auth.stats()
        let issued = try await rig.auth.issued()
        let failed = results.filter { $0.0 != 200 }
        XCTAssertEqual(results.count, 200)
        XCTAssertEqual(failed.count, 0, "failed: \(failed.prefix(3))")
        XCTAssertEqual(stats["token.refresh_token"], 1, "exactly one refresh reached the authorization server")
        XCTAssertEqual(stats["token.refresh_token.ok"], 1)
        XCTAssertEqual(issued.access.count, 2)
        let fresh = try XCTUnwrap(issued.access.last)
        let bearers = Set(rig.upstream.recorded.map { $0.header("authorization") ?? "" })
        XCTAssertEqual(rig.upstream.recorded.count, 200)
        XCTAssertEqual(bearers, ["Bearer " + fresh.token], "every request went out with the one refreshed token")
        // How many requests waited for the held-back refresh (for the record, not asserted: it
        // depends on how fast the client gets 200 requests out).
        let waited = rig.router.logs.all.filter { line in
            guard line.hasPrefix("request "), let range = line.range(of: "duration_ms=") else { return false }
            return Int(line[range.upperBound...].prefix { $0.isNumber }) ?? 0 >= 300
        }.count
        print("OAuthRoutingTests.concurrent: 200 requests, \(stats["token.refresh_token"] ?? 0) refresh, \(waited) waited on it")

        try await rig.assertNoSecretLeaks(in: results.map(\.1).filter { !$0.contains("hello from upstream") })
        await rig.shutdown()
    }

    /// The upstream refuses the token: the router refreshes once and retries with the new one.
    func testUpstream401RefreshesOnceAndRetries() async throws {
        let rig = try await OAuthRig.start(self, fakeArguments: ["--access-ttl", "60"])
        try await rig.deviceLogin()
        let old = try await rig.token(.first)
        rig.upstream.script(
            model: "corp-model-1",
            .json(status: 401, body: #"{"type":"error","error":{"type":"authentication_error","message":"token revoked upstream"}}"#),
            .json(status: 200, body: TestUpstream.anthropicMessage(model: "corp-model-1"))
        )

        let reply = try await rig.router.send("/v1/messages", json: Bodies.anthropic(model: "corp/corp-model-1"))
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.header("x-router-attempts"), "corp/corp-model-1:401,corp/corp-model-1:200")
        XCTAssertEqual(reply.header("x-router-target"), "corp/corp-model-1")

        let stats = try await rig.auth.stats()
        let issued = try await rig.auth.issued()
        XCTAssertEqual(stats["token.refresh_token"], 1)
        XCTAssertEqual(stats["token.refresh_token.ok"], 1)
        let fresh = try XCTUnwrap(issued.access.last)
        XCTAssertNotEqual(fresh.token, old.token)
        XCTAssertEqual(rig.upstream.recorded.map { $0.header("authorization") }, ["Bearer " + old.token, "Bearer " + fresh.token])

        // The next request uses the refreshed token at once; no further refresh.
        let next = try await rig.router.send("/v1/messages", json: Bodies.anthropic(model: "corp/corp-model-1"))
        XCTAssertEqual(next.status, 200, next.text)
        XCTAssertEqual(next.header("x-router-attempts"), "corp/corp-model-1:200")
        XCTAssertEqual(rig.upstream.recorded.last?.header("authorization"), "Bearer " + fresh.token)
        let refreshes = try await rig.auth.count("token.refresh_token")
        XCTAssertEqual(refreshes, 1)

        try await rig.assertNoSecretLeaks()
        await rig.shutdown()
    }

    /// The refresh token is refused (`invalid_grant`): the account needs a login, `/readyz` and
    /// the accounts list say so, and a combo falls back to its key-auth member.
    func testInvalidGrantMarksNeedsLoginAndTheComboFallsBack() async throws {
        let rig = try await OAuthRig.start(self, fakeArguments: ["--access-ttl", "3"])
        try await rig.deviceLogin(subject: "alice")
        let served = try await rig.router.send("/v1/messages", json: Bodies.anthropic(model: "corp-first"))
        XCTAssertEqual(served.status, 200, served.text)
        XCTAssertEqual(served.header("x-router-target"), "corp/corp-model-1")

        let old = try await rig.token(.first)
        let revoked = try await rig.auth.control("/_fake/revoke")
        XCTAssertEqual(revoked, 200)
        try await eventually("the access token expires at the fake server") { try await rig.auth.whoami(old.token) == 401 }

        var errorBodies: [String] = []
        let fallback = try await rig.router.send("/v1/messages", json: Bodies.anthropic(model: "corp-first"))
        XCTAssertEqual(fallback.status, 200, fallback.text)
        XCTAssertEqual(fallback.header("x-router-target"), "up-anthropic/claude-up-1")
        XCTAssertEqual(fallback.header("x-router-attempts"), "corp/corp-model-1:503,up-anthropic/claude-up-1:200")
        let seen = try XCTUnwrap(rig.upstream.recorded.last)
        XCTAssertEqual(seen.header("x-api-key"), RouterHarness.anthropicKey)
        XCTAssertNil(seen.header("authorization"))
        let awaitedGrant = try await rig.auth.count("token.refresh_token.error.invalid_grant")
        XCTAssertEqual(awaitedGrant, 1)

        let ready = try await rig.router.send(.GET, "/readyz", headers: [])
        XCTAssertEqual(ready.status, 503, ready.text)
        let unready = try XCTUnwrap(ready.json["providers"] as? [[String: Any]])
        XCTAssertEqual(unready.map { $0["provider"] as? String }, ["corp"], ready.text)
        XCTAssertEqual(unready.first?["needs"] as? String, "oauth login")
        XCTAssertEqual(unready.first?["oauth"] as? String, "needs-login")
        errorBodies.append(ready.text)
        let accounts = try await rig.accounts()
        XCTAssertEqual(accounts.map { $0["state"] as? String }, ["needs-login"])

        // Later requests fall back at once, without asking the authorization server again.
        for _ in 0..<3 {
            let again = try await rig.router.send("/v1/messages", json: Bodies.anthropic(model: "corp-first"))
            XCTAssertEqual(again.status, 200, again.text)
            XCTAssertEqual(again.header("x-router-target"), "up-anthropic/claude-up-1")
        }
        let direct = try await rig.router.send("/v1/messages", json: Bodies.anthropic(model: "corp/corp-model-1"))
        XCTAssertEqual(direct.status, 503, direct.text)
        XCTAssertTrue(direct.errorMessage.contains("claude-router login corp"), direct.errorMessage)
        errorBodies.append(direct.text)
        let stats = try await rig.auth.stats()
        XCTAssertEqual(stats["token.refresh_token"], 1, "a needs-login account is not refreshed again")

        // A new login clears the mark: ready again, and the combo is served by its first member.
        try await rig.deviceLogin(subject: "alice")
        let readyAgain = try await rig.router.send(.GET, "/readyz", headers: [])
        XCTAssertEqual(readyAgain.status, 200, readyAgain.text)
        let back = try await rig.router.send("/v1/messages", json: Bodies.anthropic(model: "corp-first"))
        XCTAssertEqual(back.status, 200, back.text)
        XCTAssertEqual(back.header("x-router-target"), "corp/corp-model-1")
        let newest = try await rig.token(.latest)
        XCTAssertEqual(rig.upstream.recorded.last?.header("authorization"), "Bearer " + newest.token)
        let accountsAgain = try await rig.accounts()
        XCTAssertEqual(accountsAgain.map { $0["state"] as? String }, ["ok"])

        try await rig.assertNoSecretLeaks(in: errorBodies)
        await rig.shutdown()
    }

    /// Every path above at trace level: no token, refresh token or device code in any log line,
    /// error body, flow or account listing.
    /// qwen-code's token answer names the API host (`resource_url`): requests go there, with the
    /// token, instead of the configured base URL.
    func testResourceURLFromTheTokenAnswerBecomesTheAPIBase() async throws {
        let rig = try await OAuthRig.start(self, fakeArguments: ["--access-ttl", "60"], resourceURLIsTheUpstream: true)
        try await rig.deviceLogin(provider: "qwen")
        let reply = try await rig.router.send(
            "/v1/chat/completions", headers: RouterHarness.openAIHeaders(), json: Bodies.openAI(model: "qwen/qwen-model-1")
        )
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.header("x-router-attempts"), "qwen/qwen-model-1:200")
        let seen = try XCTUnwrap(rig.upstream.recorded.last)
        XCTAssertEqual(seen.path, "/v1/chat/completions")
        let token = try await rig.token(.latest)
        XCTAssertEqual(seen.header("authorization"), "Bearer " + token.token)
        XCTAssertEqual(String(decoding: seen.body, as: UTF8.self), Bodies.openAI(model: "qwen-model-1"))
        await rig.shutdown()
    }

    func testTokensNeverAppearInLogsOrErrorBodies() async throws {
        let rig = try await OAuthRig.start(self, fakeArguments: ["--access-ttl", "3"], logLevel: .trace)
        var bodies: [String] = []
        let flow = try await rig.deviceLogin()
        bodies.append(try JSONSerialization.data(withJSONObject: flow).utf8Text)

        // Normal traffic, then a 401 from the upstream (refresh and retry).
        let plain = try await rig.router.send("/v1/messages", json: Bodies.anthropic(model: "corp/corp-model-1"))
        XCTAssertEqual(plain.status, 200, plain.text)
        rig.upstream.script(
            model: "corp-model-1",
            .json(status: 401, body: #"{"type":"error","error":{"type":"authentication_error","message":"expired"}}"#),
            .json(status: 200, body: TestUpstream.anthropicMessage(model: "corp-model-1"))
        )
        let retried = try await rig.router.send("/v1/messages", json: Bodies.anthropic(model: "corp/corp-model-1"))
        XCTAssertEqual(retried.status, 200, retried.text)
        // Two 401s in a row: the client sees the failure.
        rig.upstream.script(
            model: "corp-model-1",
            .json(status: 401, body: #"{"type":"error","error":{"type":"authentication_error","message":"expired"}}"#)
        )
        let refused = try await rig.router.send("/v1/messages", json: Bodies.anthropic(model: "corp/corp-model-1"))
        XCTAssertNotEqual(refused.status, 200, refused.text)
        bodies.append(refused.text)
        rig.upstream.script(model: "corp-model-1", .json(status: 200, body: TestUpstream.anthropicMessage(model: "corp-model-1")))

        // invalid_grant: the direct request fails with a body that names the fix, not the token.
        _ = try await rig.auth.control("/_fake/revoke")
        let current = try await rig.token(.latest)
        try await eventually("the access token expires at the fake server") { try await rig.auth.whoami(current.token) == 401 }
        let needsLogin = try await rig.router.send("/v1/messages", json: Bodies.anthropic(model: "corp/corp-model-1"))
        XCTAssertEqual(needsLogin.status, 503, needsLogin.text)
        bodies.append(needsLogin.text)
        let fallback = try await rig.router.send("/v1/messages", json: Bodies.anthropic(model: "corp-first"))
        XCTAssertEqual(fallback.status, 200, fallback.text)
        let ready = try await rig.router.send(.GET, "/readyz", headers: [])
        bodies.append(ready.text)
        let accounts = try await rig.router.send(.GET, "/v1/oauth/accounts", headers: RouterHarness.anthropicHeaders())
        bodies.append(accounts.text)

        let issued = try await rig.auth.issued()
        XCTAssertGreaterThanOrEqual(issued.access.count, 2)
        XCTAssertGreaterThanOrEqual(issued.refresh.count, 2)
        XCTAssertFalse(rig.router.logs.all.isEmpty)
        try await rig.assertNoSecretLeaks(in: bodies)
        print("OAuthRoutingTests.secrecy: \(rig.router.logs.all.count) log lines, \(issued.secrets.count) secrets checked")
        await rig.shutdown()
    }
}

/// One test's world: the fake authorization server process, the upstream, and a router whose
/// `corp` provider logs in at the fake server and calls the upstream.
final class OAuthRig: @unchecked Sendable {
    let fake: FakeAuthServerProcess
    let auth: FakeAuthControl
    let upstream: TestUpstream
    let router: RouterHarness
    let dataDirectory: String
    private var stopped = false

    /// With `resourceURLIsTheUpstream`, the fake server's token answers carry the upstream as
    /// `resource_url` (as qwen-code's do), and only that makes `qwen` reachable.
    static func start(
        _ test: XCTestCase, fakeArguments: [String], logLevel: Logger.Level = .info, resourceURLIsTheUpstream: Bool = false
    ) async throws -> OAuthRig {
        let upstream = try await TestUpstream.start()
        let resource = resourceURLIsTheUpstream ? ["--resource-url", "http://127.0.0.1:\(upstream.port)"] : []
        let fake = try FakeAuthServerProcess.start(["--device-interval", "0.2"] + fakeArguments + resource)
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("oauth-routing-" + UUID().uuidString).path
        let router = try await RouterHarness.start(
            yaml: yaml(upstreamPort: upstream.port, authServer: fake.baseURL, withQwen: resourceURLIsTheUpstream),
            dataDirectory: dataDirectory, logLevel: logLevel
        )
        let rig = OAuthRig(fake: fake, upstream: upstream, router: router, dataDirectory: dataDirectory)
        test.addTeardownBlock { await rig.shutdown() }
        return rig
    }

    private init(fake: FakeAuthServerProcess, upstream: TestUpstream, router: RouterHarness, dataDirectory: String) {
        self.fake = fake
        self.upstream = upstream
        self.router = router
        self.dataDirectory = dataDirectory
        auth = FakeAuthControl(http: router.client, baseURL: fake.baseURL)
    }

    /// `corp` (device flow at the fake server, API on the upstream), a key-auth provider on the
    /// same upstream, and a combo that tries `corp` first.
    static func yaml(upstreamPort port: Int, authServer: String, withQwen: Bool = false) -> String {
        let qwen = """
              qwen:                     # on a dead port: reachable only through resource_url
                protocol: openai
                base_url: http://127.0.0.1:1/v1
                models: [qwen-model-1]
                oauth:
                  flow: device
                  device_url: \(authServer)/device/code
                  token_url: \(authServer)/token
                  client_id: test-client
                  scopes: [openid]
                  pkce: true

            """
        let table = """
        version: 1
        providers:
          corp:
            protocol: anthropic
            base_url: http://127.0.0.1:\(port)
            models: [corp-model-1]
            oauth:
              flow: device
              device_url: \(authServer)/device/code
              token_url: \(authServer)/token
              client_id: test-client
              scopes: [openid, llm.use]
              pkce: true
          up-anthropic:
            protocol: anthropic
            base_url: http://127.0.0.1:\(port)
            keys: [env:TEST_ANTHROPIC_KEY]
            models: [claude-up-1]
        models:
          corp-first:
            members: {corp/corp-model-1: 1}
            fallback: [up-anthropic/claude-up-1]
        clients:
          - name: tester
            key_sha256: "\(RouterHarness.sha256(RouterHarness.clientKey))"
            models: ["*"]
            admin: true

        """
        return withQwen ? table.replacingOccurrences(of: "  up-anthropic:\n", with: qwen + "  up-anthropic:\n") : table
    }

    /// A whole device login through the router: start it, approve the user code at the fake
    /// server (the user's part), poll the flow until it finished. Returns the finished flow.
    @discardableResult
    func deviceLogin(provider: String = "corp", account: String? = nil, subject: String = "device-user") async throws -> [String: Any] {
        let body = account.map { #"{"account":"\#($0)"}"# } ?? ""
        let started = try await router.send(.POST, "/v1/oauth/\(provider)/login", headers: RouterHarness.anthropicHeaders(), body: Array(body.utf8))
        XCTAssertEqual(started.status, 201, started.text)
        let flowID = try XCTUnwrap(started.json["flow_id"] as? String, started.text)
        let userCode = try XCTUnwrap(started.json["user_code"] as? String, started.text)
        XCTAssertEqual(started.json["state"] as? String, "pending")
        XCTAssertNotNil(started.json["url"] as? String)
        let approved = try await auth.control("/_fake/device/approve", ["user_code": userCode, "subject": subject])
        XCTAssertEqual(approved, 200)
        var flow: [String: Any] = [:]
        try await eventually("the device login finishes") {
            let poll = try await self.router.send(.GET, "/v1/oauth/flows/" + flowID, headers: RouterHarness.anthropicHeaders())
            XCTAssertEqual(poll.status, 200, poll.text)
            flow = poll.json
            return flow["state"] as? String != "pending"
        }
        XCTAssertEqual(flow["state"] as? String, "succeeded", "\(flow)")
        return flow
    }

    enum Which { case first, latest }

    /// The first or the latest access token the fake server issued.
    func token(_ which: Which, file: StaticString = #filePath, line: UInt = #line) async throws -> FakeAuthControl.IssuedAccess {
        let access = try await auth.issued().access
        return try XCTUnwrap(which == .first ? access.first : access.last, "no token issued yet", file: file, line: line)
    }

    /// `GET /v1/oauth/accounts`' list.
    func accounts() async throws -> [[String: Any]] {
        let reply = try await router.send(.GET, "/v1/oauth/accounts", headers: RouterHarness.anthropicHeaders())
        XCTAssertEqual(reply.status, 200, reply.text)
        return reply.json["accounts"] as? [[String: Any]] ?? []
    }

    /// No secret the fake server issued (nor anything shaped like one) is in a router log line
    /// or in `bodies`.
    func assertNoSecretLeaks(in bodies: [String] = [], file: StaticString = #filePath, line: UInt = #line) async throws {
        let secrets = try await auth.issued().secrets
        XCTAssertFalse(secrets.isEmpty, "the check needs tokens to look for", file: file, line: line)
        let texts = router.logs.all + bodies
        for text in texts {
            for secret in secrets where text.contains(secret) {
                XCTFail("a token leaked into: \(text.replacingOccurrences(of: secret, with: "<TOKEN>"))", file: file, line: line)
            }
            // The fake server's minted secrets all start so (tokens, device codes, auth codes).
            for prefix in ["fa_at_", "fa_rt_", "fa_dev_", "fa_code_"] where text.contains(prefix) {
                XCTFail("something secret-shaped (\(prefix)…) leaked into a log line or body", file: file, line: line)
            }
        }
    }

    func shutdown() async {
        if stopped { return }
        stopped = true
        try? await router.stop()
        upstream.stop()
        fake.stop()
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }
}

private extension Data {
    var utf8Text: String { String(decoding: self, as: UTF8.self) }
}
