import AsyncHTTPClient
import Foundation
import NIOHTTP1
import XCTest
@testable import RouterRuntime

/// Who reaches the dashboard and the admin JSON: an admin's key or session, never a non-admin
/// client or an anonymous caller; sign-in, its cookie, CSRF and the wrong-key throttle; a
/// non-admin's `/v1/usage` covers its own requests only.
final class DashboardAccessTests: XCTestCase {
    var upstream: TestUpstream!

    override func setUp() async throws {
        upstream = try await TestUpstream.start()
    }

    override func tearDown() async throws {
        upstream.stop()
    }

    /// The harness table with `tester` made an admin; `limited` stays a plain client.
    static func adminYAML(upstreamPort: Int) -> String {
        RouterHarness.yaml(upstreamPort: upstreamPort).replacingOccurrences(
            of: "models: [\"*\"]\n  - name: limited", with: "models: [\"*\"]\n    admin: true\n  - name: limited"
        )
    }

    /// Every admin path with its method.
    static let adminPaths: [(HTTPMethod, String)] = [
        (.GET, "/ui/"), (.GET, "/ui/requests"), (.GET, "/ui/requests/req_x"), (.GET, "/ui/providers"), (.GET, "/ui/routing"),
        (.POST, "/ui/routing/playground"), (.POST, "/ui/routing/preview"),
        (.GET, "/v1/admin/overview"), (.GET, "/v1/admin/requests"), (.GET, "/v1/admin/requests/req_x"),
        (.GET, "/v1/admin/requests/stream"), (.GET, "/v1/admin/providers"), (.GET, "/v1/admin/routing"),
        (.POST, "/v1/admin/route"), (.POST, "/v1/admin/routes/preview"), (.POST, "/v1/admin/oauth/p/a/logout"),
    ]

    func testEveryAdminPathRefusesAnonymousAndNonAdminCallers() async throws {
        let router = try await RouterHarness.start(yaml: Self.adminYAML(upstreamPort: upstream.port))
        defer { Task { try await router.stop() } }
        for (method, path) in Self.adminPaths {
            let httpMethod = method
            let anonymous = try await router.send(httpMethod, path, headers: [("content-type", "application/json")], body: method == .POST ? Array("{}".utf8) : nil)
            if method == .GET, path.hasPrefix("/ui") {
                // The harness client follows the redirect: to the sign-in form.
                XCTAssertEqual(anonymous.status, 200, path)
                XCTAssertTrue(anonymous.text.contains("<h1>Sign in</h1>"), path)
            } else {
                XCTAssertEqual(anonymous.status, 401, "\(method) \(path)")
            }
            let plain = try await router.send(
                httpMethod, path, headers: RouterHarness.anthropicHeaders(key: RouterHarness.limitedClientKey),
                body: method == .POST ? Array("{}".utf8) : nil
            )
            XCTAssertEqual(plain.status, 403, "\(method) \(path)")
            XCTAssertTrue(plain.text.contains("admin_required"), "\(path): \(plain.text)")
            let wrong = try await router.send(httpMethod, path, headers: RouterHarness.anthropicHeaders(key: "not-a-key"), body: nil)
            if method == .GET, path.hasPrefix("/ui") {
                XCTAssertTrue(wrong.text.contains("<h1>Sign in</h1>"), path)
            } else {
                XCTAssertEqual(wrong.status, 401, "\(method) \(path)")
            }
        }
        // The admin gets through (a stream would not end: left out here, tested in the browser).
        for (method, path) in Self.adminPaths where path != "/v1/admin/requests/stream" {
            let admin = try await router.send(method, path, headers: RouterHarness.anthropicHeaders(),
                                              body: method == .POST ? Array("{\"model\":\"anthro\"}".utf8) : nil)
            XCTAssertFalse([401, 403].contains(admin.status), "\(method) \(path): \(admin.status) \(admin.text.prefix(200))")
        }
    }

    func testSignInSetsAStrictHttpOnlySessionAndStateChangesNeedItsCSRFToken() async throws {
        let router = try await RouterHarness.start(yaml: Self.adminYAML(upstreamPort: upstream.port))
        defer { Task { try await router.stop() } }
        let form = [("content-type", "application/x-www-form-urlencoded")]

        let page = try await router.send(.GET, "/ui/login", headers: [])
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.text.contains("type=\"password\" name=\"key\""))

        let wrong = try await router.send(.POST, "/ui/login", headers: form, body: Array("key=nope".utf8))
        XCTAssertEqual(wrong.status, 401)
        XCTAssertTrue(wrong.text.contains("That key is not the key of any client"), wrong.text)
        XCTAssertNil(wrong.header("set-cookie"))

        let plain = try await router.send(.POST, "/ui/login", headers: form, body: Array("key=\(RouterHarness.limitedClientKey)".utf8))
        XCTAssertEqual(plain.status, 403)
        XCTAssertTrue(plain.text.contains("not an admin"), plain.text)

        let right = try await Self.sendWithoutRedirects(
            router, "/ui/login", headers: form, body: "key=\(RouterHarness.clientKey)&next=/ui/routing"
        )
        XCTAssertEqual(right.status, 303)
        XCTAssertEqual(right.header("location"), "/ui/routing")
        let setCookie = try XCTUnwrap(right.header("set-cookie"))
        XCTAssertTrue(setCookie.contains("HttpOnly"), setCookie)
        XCTAssertTrue(setCookie.contains("SameSite=Strict"), setCookie)
        XCTAssertTrue(setCookie.contains("Max-Age="), setCookie)
        XCTAssertFalse(setCookie.contains("Secure"), "plain HTTP: no Secure flag")
        XCTAssertFalse(setCookie.contains(RouterHarness.clientKey))
        let cookie = String(setCookie.split(separator: ";")[0])

        let overview = try await router.send(.GET, "/ui/", headers: [("cookie", cookie)])
        XCTAssertEqual(overview.status, 200)
        let csrf = try XCTUnwrap(overview.text.range(of: #"name="csrf-token" content="([^"]+)""#, options: .regularExpression).map {
            String(overview.text[$0].split(separator: "\"")[3])
        })

        let json = [("cookie", cookie), ("content-type", "application/json")]
        let withoutToken = try await router.send(.POST, "/v1/admin/route", headers: json, body: Array("{\"model\":\"anthro\"}".utf8))
        XCTAssertEqual(withoutToken.status, 403)
        XCTAssertTrue(withoutToken.text.contains("csrf_failed"))
        let withToken = try await router.send(.POST, "/v1/admin/route", headers: json + [("x-csrf-token", csrf)], body: Array("{\"model\":\"anthro\"}".utf8))
        XCTAssertEqual(withToken.status, 200, withToken.text)
        XCTAssertEqual(withToken.json["attempts"] as? [String], ["up-anthropic/claude-up-1"])

        let tampered = try await router.send(.GET, "/v1/admin/overview", headers: [("cookie", cookie.replacingOccurrences(of: ".", with: "x"))])
        XCTAssertEqual(tampered.status, 401)

        let secure = try await Self.sendWithoutRedirects(
            router, "/ui/login", headers: form + [("x-forwarded-proto", "https")], body: "key=\(RouterHarness.clientKey)"
        )
        XCTAssertTrue(secure.header("set-cookie")?.contains("; Secure") == true)
    }

    func testWithoutClientsTheDashboardIsOpenOnLoopbackButNotToOtherSites() async throws {
        let router = try await RouterHarness.start(yaml: RouterHarness.yaml(upstreamPort: upstream.port, clients: false))
        defer { Task { try await router.stop() } }
        let page = try await router.send(.GET, "/ui/", headers: [])
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.text.contains("id=\"stat-requests\""))
        let login = try await Self.sendWithoutRedirects(router, "/ui/login", headers: [("content-type", "application/x-www-form-urlencoded")], body: "key=x")
        XCTAssertEqual(login.status, 303, "nothing to sign in to")
        let json = [("content-type", "application/json")]
        let sameSite = try await router.send(.POST, "/v1/admin/route", headers: json + [("origin", router.base)], body: Array("{\"model\":\"anthro\"}".utf8))
        XCTAssertEqual(sameSite.status, 200, sameSite.text)
        let crossSite = try await router.send(.POST, "/v1/admin/route", headers: json + [("origin", "https://evil.example")], body: Array("{\"model\":\"anthro\"}".utf8))
        XCTAssertEqual(crossSite.status, 403)
        let fetchMetadata = try await router.send(.POST, "/v1/admin/route", headers: json + [("sec-fetch-site", "cross-site")], body: Array("{\"model\":\"anthro\"}".utf8))
        XCTAssertEqual(fetchMetadata.status, 403)
    }

    func testTheLiveStreamDeliversRequestsAndForgetsAClosedViewer() async throws {
        let router = try await RouterHarness.start(yaml: Self.adminYAML(upstreamPort: upstream.port))
        defer { Task { try await router.stop() } }
        func subscribers() async throws -> Int {
            try await router.send(.GET, "/v1/admin/requests", headers: RouterHarness.anthropicHeaders()).json["stream_subscribers"] as? Int ?? -1
        }
        let viewer = HTTPClient(eventLoopGroupProvider: .singleton)
        var request = HTTPClientRequest(url: router.base + "/v1/admin/requests/stream?model=anthro")
        request.headers.add(name: "x-api-key", value: RouterHarness.clientKey)
        let response = try await viewer.execute(request, timeout: .seconds(30))
        XCTAssertEqual(response.headers.first(name: "content-type"), "text/event-stream")
        var received = ""
        var sent: RouterHarness.Reply?
        for try await chunk in response.body {
            received += String(buffer: chunk)
            if sent == nil, received.contains(": connected") {
                let watching = try await subscribers()
                XCTAssertEqual(watching, 1)
                _ = try await router.send("/v1/messages", json: Bodies.anthropic(model: "oai"))   // filtered out
                sent = try await router.send("/v1/messages", json: Bodies.anthropic(model: "anthro"))
            }
            if received.contains("event: request") { break }
        }
        let requestID = try XCTUnwrap(sent?.header("request-id"))
        XCTAssertTrue(received.contains("\"request_id\":\"\(requestID)\""), received)
        XCTAssertFalse(received.contains("\"model\":\"oai\""), "the stream applies its filter")
        try await viewer.shutdown()
        var left = try await subscribers()
        for _ in 0..<50 where left != 0 {
            try await Task.sleep(for: .milliseconds(100))
            left = try await subscribers()
        }
        XCTAssertEqual(left, 0, "a closed viewer's subscription is gone")
    }

    /// A POST whose 303 is returned as is (the harness client follows redirects).
    static func sendWithoutRedirects(_ router: RouterHarness, _ path: String, headers: [(String, String)], body: String) async throws -> RouterHarness.Reply {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        defer { Task { try? await client.shutdown() } }
        let response = try await client.execute(RouterHarness.request(url: router.base + path, headers: headers, json: body), timeout: .seconds(10))
        let collected = try await response.body.collect(upTo: 1 << 20)
        return RouterHarness.Reply(status: Int(response.status.code), headers: response.headers, body: Array(collected.readableBytesView))
    }

    func testWrongKeysAreRateLimited() async throws {
        let router = try await RouterHarness.start(yaml: Self.adminYAML(upstreamPort: upstream.port))
        defer { Task { try await router.stop() } }
        let form = [("content-type", "application/x-www-form-urlencoded")]
        var statuses: [Int] = []
        for attempt in 0..<7 {
            statuses.append(try await router.send(.POST, "/ui/login", headers: form, body: Array("key=wrong-\(attempt)".utf8)).status)
        }
        XCTAssertEqual(statuses, [401, 401, 401, 401, 401, 429, 429])
        let limited = try await router.send(.POST, "/ui/login", headers: form, body: Array("key=\(RouterHarness.clientKey)".utf8))
        XCTAssertEqual(limited.status, 429, "even the right key waits once the address is throttled")
        XCTAssertNotNil(limited.header("retry-after"))
        XCTAssertTrue(limited.text.contains("Too many wrong keys"))
    }

    func testANonAdminSeesOnlyItsOwnUsage() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dashboard-usage-" + UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let router = try await RouterHarness.start(yaml: Self.adminYAML(upstreamPort: upstream.port), dataDirectory: directory)
        defer { Task { try await router.stop() } }
        for _ in 0..<3 { _ = try await router.send("/v1/messages", json: Bodies.anthropic(model: "anthro")) }
        _ = try await router.send("/v1/chat/completions", headers: RouterHarness.openAIHeaders(key: RouterHarness.limitedClientKey), json: Bodies.openAI(model: "oai"))

        func totals(_ key: String) async throws -> (Int, [String]) {
            for _ in 0..<50 {
                let reply = try await router.send(.GET, "/v1/usage?group_by=client", headers: RouterHarness.openAIHeaders(key: key))
                XCTAssertEqual(reply.status, 200)
                let requests = (reply.json["totals"] as? [String: Any])?["requests"] as? Int ?? 0
                let clients = (reply.json["groups"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
                if requests >= (key == RouterHarness.clientKey ? 4 : 1) { return (requests, clients) }
                try await Task.sleep(for: .milliseconds(100))
            }
            return (0, [])
        }
        let admin = try await totals(RouterHarness.clientKey)
        XCTAssertEqual(admin.0, 4)
        XCTAssertEqual(Set(admin.1), ["tester", "limited"])
        let plain = try await totals(RouterHarness.limitedClientKey)
        XCTAssertEqual(plain.0, 1)
        XCTAssertEqual(plain.1, ["limited"])
    }

    func testNoPageShowsAKeyAHashOrAToken() async throws {
        let router = try await RouterHarness.start(yaml: Self.adminYAML(upstreamPort: upstream.port))
        defer { Task { try await router.stop() } }
        _ = try await router.send("/v1/messages", json: Bodies.anthropic(model: "anthro"))
        let secrets = [
            RouterHarness.clientKey, RouterHarness.limitedClientKey, RouterHarness.anthropicKey, RouterHarness.openAIKey,
            RouterHarness.sha256(RouterHarness.clientKey), RouterHarness.sha256(RouterHarness.limitedClientKey),
        ]
        for (method, path) in Self.adminPaths where method == .GET && path != "/v1/admin/requests/stream" {
            let reply = try await router.send(.GET, path, headers: RouterHarness.anthropicHeaders())
            for secret in secrets { XCTAssertFalse(reply.text.contains(secret), "\(path) shows a secret") }
        }
    }
}
