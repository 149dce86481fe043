import Foundation
import OAuth
import XCTest

/// Logins via every flow against the fake server, through the same functions the router's
/// HTTP endpoints call.
final class LoginFlowTests: XCTestCase {
    private var harness: OAuthHarness!

    override func setUp() async throws {
        harness = try OAuthHarness(["--access-ttl", "30", "--device-interval", "0.2"])
    }

    override func tearDown() async throws {
        await harness.shutdown()
    }

    private func services(_ provider: OAuthProvider) throws -> (TokenManager, LoginService, OAuthEndpointHandlers) {
        let manager = try harness.manager([provider])
        let logins = harness.logins([provider], manager: manager)
        return (manager, logins, OAuthEndpointHandlers(logins: logins, manager: manager))
    }

    private func object(_ reply: OAuthEndpointReply) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any])
    }

    func testAuthorizationCodeLoginThroughTheEndpoints() async throws {
        let (manager, _, endpoints) = try services(harness.provider(.authorizationCode))
        let started = await endpoints.start(provider: "corp", body: Data(#"{"account":"work"}"#.utf8), redirectURI: "http://127.0.0.1:8787/oauth/callback")
        XCTAssertEqual(started.status, 201)
        let flow = try object(started)
        let flowID = try XCTUnwrap(flow["flow_id"] as? String)
        let url = try XCTUnwrap(flow["url"] as? String)
        XCTAssertEqual(flow["state"] as? String, "pending")
        XCTAssertTrue(url.contains("code_challenge_method=S256"), url)
        let awaited1 = try object(await endpoints.poll(flowID: flowID))["state"] as? String
        XCTAssertEqual(awaited1, "pending")

        let redirect = try await XCTUnwrapAsync(try await harness.fake.openAuthorizeURL(url + "&login_hint=alice"))
        let callback = await endpoints.callback(query: redirect.rawQuery)
        XCTAssertEqual(callback.status, 200, callback.body)
        XCTAssertFalse(callback.body.contains(redirect.queryDictionary["code"] ?? "?"), "the page must not echo the code")
        let awaited2 = try object(await endpoints.poll(flowID: flowID))["state"] as? String
        XCTAssertEqual(awaited2, "succeeded")

        // The same redirect again: the state was single use.
        let replay = await endpoints.callback(query: redirect.rawQuery)
        XCTAssertEqual(replay.status, 400)

        let credential = try await manager.accessToken(for: "corp")
        XCTAssertEqual(credential.account, AccountID(provider: "corp", account: "work"))
        let whoami = try await harness.fake.whoami(credential.accessToken.exposed)
        XCTAssertEqual(whoami.status, 200)
        XCTAssertEqual(whoami.subject, "alice")
        let awaited3 = try await harness.fake.count("token.authorization_code.ok")
        XCTAssertEqual(awaited3, 1)
        let accounts = try object(await endpoints.accounts())
        let listed = try XCTUnwrap(accounts["accounts"] as? [[String: Any]])
        XCTAssertEqual(listed.map { $0["state"] as? String }, ["ok"])
    }

    func testStateMismatchIsRejectedAndTheFlowStaysPending() async throws {
        let (manager, logins, _) = try services(harness.provider(.authorizationCode))
        let flow = try await logins.begin(provider: "corp", redirectURI: "http://127.0.0.1:1/oauth/callback")
        let redirect = try await XCTUnwrapAsync(try await harness.fake.openAuthorizeURL(try XCTUnwrap(flow.url)))
        var forged = redirect.queryDictionary
        forged["state"] = "not-the-state"
        let rejected = await logins.completeRedirect(query: forged)
        XCTAssertEqual(rejected.reply.status, 400)
        XCTAssertNil(rejected.flow)
        var missing = redirect.queryDictionary
        missing["state"] = nil
        let awaited4 = await logins.completeRedirect(query: missing).reply.status
        XCTAssertEqual(awaited4, 400)
        // No exchange was attempted with the forged state.
        let awaited5 = try await harness.fake.count("token.authorization_code")
        XCTAssertEqual(awaited5, 0)
        let awaited6 = await logins.flow(flow.id)?.state
        XCTAssertEqual(awaited6, .pending)
        await XCTAssertThrowsAsync(try await manager.accessToken(for: "corp"))
        // The genuine redirect still completes.
        let awaited7 = await logins.completeRedirect(query: redirect.queryDictionary).reply.status
        XCTAssertEqual(awaited7, 200)
    }

    func testPKCEVerifierMismatchIsRejected() async throws {
        let (manager, logins, _) = try services(harness.provider(.authorizationCode))
        let first = try await logins.begin(provider: "corp", redirectURI: "http://127.0.0.1:1/oauth/callback")
        let second = try await logins.begin(provider: "corp", redirectURI: "http://127.0.0.1:1/oauth/callback")
        let firstRedirect = try await XCTUnwrapAsync(try await harness.fake.openAuthorizeURL(try XCTUnwrap(first.url)))
        let secondRedirect = try await XCTUnwrapAsync(try await harness.fake.openAuthorizeURL(try XCTUnwrap(second.url)))
        // The first login's code (bound to the first challenge) arrives with the second's state,
        // so it is exchanged with the second verifier.
        var crossed = secondRedirect.queryDictionary
        crossed["code"] = firstRedirect.queryDictionary["code"]
        let result = await logins.completeRedirect(query: crossed)
        XCTAssertEqual(result.reply.status, 400)
        guard case .failed(let reason)? = result.flow?.state else { return XCTFail("\(String(describing: result.flow))") }
        XCTAssertTrue(reason.contains("invalid_grant"), reason)
        let awaited8 = try await harness.fake.count("token.authorization_code.error.invalid_grant")
        XCTAssertEqual(awaited8, 1)
        let awaited9 = try await harness.fake.count("token.authorization_code.ok")
        XCTAssertEqual(awaited9, 0)
        await XCTAssertThrowsAsync(try await manager.accessToken(for: "corp"))
    }

    func testDeniedRedirectFailsTheFlow() async throws {
        let (_, logins, _) = try services(harness.provider(.authorizationCode))
        let flow = try await logins.begin(provider: "corp", redirectURI: "http://127.0.0.1:1/oauth/callback")
        let redirect = try await XCTUnwrapAsync(try await harness.fake.openAuthorizeURL(try XCTUnwrap(flow.url) + "&login_hint=deny"))
        let result = await logins.completeRedirect(query: redirect.queryDictionary)
        XCTAssertEqual(result.reply.status, 400)
        XCTAssertEqual(result.flow?.state, .failed(OAuthError.accessDenied.description))
    }

    func testDeviceLoginWithPKCE() async throws {
        let (manager, logins, endpoints) = try services(harness.provider(.device))
        let started = try object(await endpoints.start(provider: "corp", body: nil, redirectURI: "unused"))
        let userCode = try XCTUnwrap(started["user_code"] as? String)
        let flowID = try XCTUnwrap(started["flow_id"] as? String)
        XCTAssertTrue((started["url"] as? String)?.contains(userCode) == true)
        // Let the client poll while the user has not approved yet.
        try await waitUntil { try await self.harness.fake.count("token.device_code.error.authorization_pending") >= 2 }
        let awaited10 = try await harness.fake.control("/_fake/device/approve", ["user_code": userCode, "subject": "bob"])
        XCTAssertEqual(awaited10, 200)
        let finished = await logins.waitUntilFinished(flowID)
        XCTAssertEqual(finished?.state, .succeeded(AccountID(provider: "corp", account: "default")))
        let credential = try await manager.accessToken(for: "corp")
        let awaited11 = try await harness.fake.whoami(credential.accessToken.exposed).subject
        XCTAssertEqual(awaited11, "bob")
        let stats = try await harness.fake.stats()
        XCTAssertEqual(stats["token.device_code.ok"], 1)
        XCTAssertNil(stats["device.too_fast"], "the client polled faster than the interval")
    }

    func testDeviceLoginHonoursSlowDown() async throws {
        let (_, logins, _) = try services(harness.provider(.device))
        let flow = try await logins.begin(provider: "corp", redirectURI: "unused")
        let userCode = try XCTUnwrap(flow.userCode)
        let awaited12 = try await harness.fake.control("/_fake/device/slow-down", ["user_code": userCode])
        XCTAssertEqual(awaited12, 200)
        try await waitUntil { try await self.harness.fake.count("device.slow_down") >= 1 }
        let awaited13 = try await harness.fake.control("/_fake/device/approve", ["user_code": userCode])
        XCTAssertEqual(awaited13, 200)
        let finished = await logins.waitUntilFinished(flow.id)
        XCTAssertEqual(finished?.state, .succeeded(AccountID(provider: "corp", account: "default")))
        let stats = try await harness.fake.stats()
        // Only the forced slow_down: after it the client waited the longer interval.
        XCTAssertEqual(stats["device.slow_down"], 1)
        XCTAssertNil(stats["device.too_fast"])
    }

    func testDeviceLoginDenied() async throws {
        let (_, logins, _) = try services(harness.provider(.device))
        let flow = try await logins.begin(provider: "corp", redirectURI: "unused")
        let awaited14 = try await harness.fake.control("/_fake/device/deny", ["user_code": try XCTUnwrap(flow.userCode)])
        XCTAssertEqual(awaited14, 200)
        let finished = await logins.waitUntilFinished(flow.id)
        XCTAssertEqual(finished?.state, .failed(OAuthError.accessDenied.description))
    }

    func testClientCredentialsLogin() async throws {
        let (manager, logins, _) = try services(harness.provider(.clientCredentials))
        let flow = try await logins.begin(provider: "corp", account: "gateway", redirectURI: "unused")
        XCTAssertEqual(flow.state, .succeeded(AccountID(provider: "corp", account: "gateway")))
        let credential = try await manager.accessToken(for: "corp")
        let awaited15 = try await harness.fake.whoami(credential.accessToken.exposed).status
        XCTAssertEqual(awaited15, 200)

        let wrongSecret = harness.provider(.clientCredentials, name: "bad", environment: ["CORP_SECRET": "wrong"])
        let badManager = try harness.manager([wrongSecret])
        let failed = try await harness.logins([wrongSecret], manager: badManager).begin(provider: "bad", redirectURI: "unused")
        guard case .failed(let reason) = failed.state else { return XCTFail("\(failed)") }
        XCTAssertTrue(reason.contains("invalid_client"), reason)
        XCTAssertFalse(reason.contains("wrong"))

        let unset = harness.provider(.clientCredentials, name: "unset", environment: [:])
        let unsetFlow = try await harness.logins([unset], manager: badManager).begin(provider: "unset", redirectURI: "unused")
        XCTAssertEqual(unsetFlow.state, .failed(OAuthError.missingClientSecret(env: "CORP_SECRET").description))
    }

    func testOpenRouterStyleLoginYieldsAKey() async throws {
        let provider = harness.provider(.authorizationCode, name: "openrouter", openRouter: true)
        XCTAssertEqual(provider.dialect, .openRouterKey)
        let (manager, logins, _) = try services(provider)
        let flow = try await logins.begin(provider: "openrouter", redirectURI: "http://127.0.0.1:1/oauth/callback")
        let url = try XCTUnwrap(flow.url)
        XCTAssertTrue(url.contains("callback_url="), url)
        XCTAssertFalse(url.contains("redirect_uri="), url)
        let redirect = try await XCTUnwrapAsync(try await harness.fake.openAuthorizeURL(url))
        XCTAssertNotNil(redirect.queryDictionary["state"])
        let awaited16 = await logins.completeRedirect(query: redirect.queryDictionary).reply.status
        XCTAssertEqual(awaited16, 200)
        let credential = try await manager.accessToken(for: "openrouter")
        XCTAssertNil(credential.expiresAt, "a key does not expire")
        let awaited17 = try await harness.fake.whoami(credential.accessToken.exposed).status
        XCTAssertEqual(awaited17, 200)
        let awaited18 = try await harness.fake.count("keys.ok")
        XCTAssertEqual(awaited18, 1)
    }
}

/// Login outcomes that need a differently configured server.
final class LoginServerOptionTests: XCTestCase {
    func testDeviceCodeExpires() async throws {
        let harness = try OAuthHarness(["--device-ttl", "1", "--device-interval", "0.3"])
        let provider = harness.provider(.device)
        let logins = harness.logins([provider], manager: try harness.manager([provider]))
        let flow = try await logins.begin(provider: "corp", redirectURI: "unused")
        let finished = await logins.waitUntilFinished(flow.id)
        await harness.shutdown()
        XCTAssertEqual(finished?.state, .failed(OAuthError.expired.description))
    }

    func testResourceURLBecomesTheAPIBase() async throws {
        let harness = try OAuthHarness(["--resource-url", "portal.example.test", "--device-interval", "0.2"])
        let provider = harness.provider(.device, name: "qwen")
        let manager = try harness.manager([provider])
        let logins = harness.logins([provider], manager: manager)
        let flow = try await logins.begin(provider: "qwen", redirectURI: "unused")
        _ = try await harness.fake.control("/_fake/device/approve", ["user_code": try XCTUnwrap(flow.userCode)])
        _ = await logins.waitUntilFinished(flow.id)
        let credential = try await manager.accessToken(for: "qwen")
        await harness.shutdown()
        XCTAssertEqual(credential.apiBaseURL, "https://portal.example.test/v1")
    }
}
