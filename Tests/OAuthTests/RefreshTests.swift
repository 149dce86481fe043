import Foundation
import OAuth
import XCTest

/// Refresh against the fake server: proactive, single-flight, on 401, and `invalid_grant`.
final class RefreshTests: XCTestCase {
    func testProactiveRefreshUnderSteadyTraffic() async throws {
        // Two-second tokens: refreshed when half their life is left, never used expired.
        let harness = try OAuthHarness(["--access-ttl", "2"])
        let provider = harness.provider(.authorizationCode)
        let manager = try harness.manager([provider])
        try await harness.codeLogin(harness.logins([provider], manager: manager))
        var failures = 0
        var requests = 0
        while try await harness.fake.count("token.refresh_token.ok") < 3 && requests < 2_000 {
            let credential = try await manager.accessToken(for: "corp")
            if try await harness.fake.whoami(credential.accessToken.exposed).status != 200 { failures += 1 }
            requests += 1
            try await Task.sleep(for: .milliseconds(50))
        }
        let stats = try await harness.fake.stats()
        await harness.shutdown()
        XCTAssertGreaterThanOrEqual(stats["token.refresh_token.ok"] ?? 0, 3)
        XCTAssertEqual(failures, 0)
        XCTAssertNil(stats["resource.unauthorized"])
        XCTAssertNil(stats["token.refresh_token.error.invalid_grant"])
        // Far fewer refreshes than requests: tokens are reused until due.
        XCTAssertLessThan(stats["token.refresh_token"] ?? 0, requests / 4)
    }

    func testTwoHundredConcurrentCallersAtExpiryCauseOneRefresh() async throws {
        let harness = try OAuthHarness(["--access-ttl", "60", "--refresh-delay-ms", "300"])
        let provider = harness.provider(.authorizationCode)
        try await harness.codeLogin(harness.logins([provider], manager: try harness.manager([provider])))
        let id = AccountID(provider: "corp", account: "default")
        try harness.setExpiry(id, Date().addingTimeInterval(-1))
        let manager = try harness.manager([provider])

        let results = await withTaskGroup(of: Result<OAuthCredential, OAuthError>.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    do throws(OAuthError) { return .success(try await manager.accessToken(for: "corp")) } catch { return .failure(error) }
                }
            }
            var all: [Result<OAuthCredential, OAuthError>] = []
            for await result in group { all.append(result) }
            return all
        }
        let tokens = results.compactMap { try? $0.get().accessToken.exposed }
        let stats = try await harness.fake.stats()
        let whoami = try await harness.fake.whoami(tokens.first ?? "")
        await harness.shutdown()
        XCTAssertEqual(tokens.count, 200, "failures: \(results.filter { (try? $0.get()) == nil })")
        XCTAssertEqual(Set(tokens).count, 1)
        XCTAssertEqual(stats["token.refresh_token"], 1)
        XCTAssertEqual(stats["token.refresh_token.ok"], 1)
        XCTAssertEqual(whoami.status, 200)
    }

    func testRefreshOnUnauthorizedIsSingleFlightAndRotatesTheSavedToken() async throws {
        let harness = try OAuthHarness(["--access-ttl", "60", "--refresh-delay-ms", "100"])
        let provider = harness.provider(.authorizationCode)
        let manager = try harness.manager([provider])
        try await harness.codeLogin(harness.logins([provider], manager: manager))
        let id = AccountID(provider: "corp", account: "default")
        let before = try XCTUnwrap(try harness.store().load(id))
        let stale = try await manager.accessToken(for: "corp")
        let awaited19 = try await harness.fake.control("/_fake/expire-access")
        XCTAssertEqual(awaited19, 200)
        let awaited20 = try await harness.fake.whoami(stale.accessToken.exposed).status
        XCTAssertEqual(awaited20, 401)

        let retried = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<50 {
                group.addTask { try? await manager.reportUnauthorized(stale).accessToken.exposed }
            }
            var all: [String?] = []
            for await token in group { all.append(token) }
            return all
        }
        XCTAssertEqual(retried.compactMap { $0 }.count, 50)
        XCTAssertEqual(Set(retried.compactMap { $0 }).count, 1)
        let fresh = try XCTUnwrap(retried.first ?? nil)
        let awaited21 = try await harness.fake.whoami(fresh).status
        XCTAssertEqual(awaited21, 200)
        let awaited22 = try await harness.fake.count("token.refresh_token")
        XCTAssertEqual(awaited22, 1)
        // The rotated refresh token reached the disk before the new access token was handed out.
        let after = try XCTUnwrap(try harness.store().load(id))
        XCTAssertNotEqual(after.tokens.refreshToken, before.tokens.refreshToken)
        XCTAssertEqual(after.tokens.accessToken.exposed, fresh)
        // A later 401 report with the already replaced token causes no second refresh.
        _ = try await manager.reportUnauthorized(stale)
        let awaited23 = try await harness.fake.count("token.refresh_token")
        XCTAssertEqual(awaited23, 1)
        await harness.shutdown()
    }

    func testInvalidGrantMarksNeedsLoginAndThePoolFallsBack() async throws {
        let harness = try OAuthHarness(["--access-ttl", "60"])
        let provider = harness.provider(.authorizationCode)
        let manager = try harness.manager([provider])
        let logins = harness.logins([provider], manager: manager)
        try await harness.codeLogin(logins, account: "alpha", subject: "alice")
        try await harness.codeLogin(logins, account: "beta", subject: "bob")
        let alpha = AccountID(provider: "corp", account: "alpha")
        let beta = AccountID(provider: "corp", account: "beta")
        let awaited24 = try await harness.fake.control("/_fake/revoke", ["subject": "alice"])
        XCTAssertEqual(awaited24, 200)
        try harness.setExpiry(alpha, Date().addingTimeInterval(-1))
        let pool = try harness.manager([provider])

        // Every call succeeds: alpha's refresh fails once, then the pool serves beta.
        var served: [AccountID] = []
        for _ in 0..<6 { served.append(try await pool.accessToken(for: "corp").account) }
        XCTAssertEqual(Set(served), [beta])
        let awaited25 = try await harness.fake.count("token.refresh_token.error.invalid_grant")
        XCTAssertEqual(awaited25, 1)
        let states = await pool.statuses().map { ($0.id.account, $0.state) }
        XCTAssertEqual(states.map(\.0), ["alpha", "beta"])
        XCTAssertEqual(states.map(\.1), [.needsLogin, .ok])
        let awaited26 = await pool.readiness(of: "corp")
        XCTAssertEqual(awaited26, .ready)
        // The mark is on disk, for `accounts` and the next start.
        XCTAssertEqual(try harness.store().load(alpha)?.needsLogin, true)

        // With beta gone too, the provider needs a login and says so without secrets.
        let awaited27 = try await harness.fake.control("/_fake/revoke", ["subject": "bob"])
        XCTAssertEqual(awaited27, 200)
        try harness.setExpiry(beta, Date().addingTimeInterval(-1))
        let drained = try harness.manager([provider])
        do {
            _ = try await drained.accessToken(for: "corp")
            XCTFail("expected needs-login")
        } catch {
            XCTAssertTrue(error.requiresLogin, "\(error)")
            XCTAssertFalse("\(error)".contains("fa_"), "\(error)")
        }
        let awaited28 = await drained.readiness(of: "corp")
        XCTAssertEqual(awaited28, .needsLogin)

        // Logging in again clears the mark.
        try await harness.codeLogin(harness.logins([provider], manager: drained), account: "alpha", subject: "alice")
        let awaited29 = try await drained.accessToken(for: "corp").account
        XCTAssertEqual(awaited29, alpha)
        let awaited30 = await drained.readiness(of: "corp")
        XCTAssertEqual(awaited30, .ready)
        await harness.shutdown()
    }

    func testClientCredentialsAreGrantedAgainWhenDue() async throws {
        let harness = try OAuthHarness(["--access-ttl", "60"])
        let provider = harness.provider(.clientCredentials)
        let manager = try harness.manager([provider])
        let first = try await harness.logins([provider], manager: manager).begin(provider: "corp", redirectURI: "unused")
        XCTAssertEqual(first.state, .succeeded(AccountID(provider: "corp", account: "default")))
        try harness.setExpiry(AccountID(provider: "corp", account: "default"), Date().addingTimeInterval(-1))
        let restarted = try harness.manager([provider])
        let credential = try await restarted.accessToken(for: "corp")
        let whoami = try await harness.fake.whoami(credential.accessToken.exposed)
        let grants = try await harness.fake.count("token.client_credentials.ok")
        await harness.shutdown()
        XCTAssertEqual(whoami.status, 200)
        XCTAssertEqual(grants, 2, "no refresh token: a due token is replaced by a new grant")
    }

    func testALoginByAnotherProcessIsPickedUp() async throws {
        let harness = try OAuthHarness(["--access-ttl", "60"])
        let provider = harness.provider(.authorizationCode)
        // The router's manager starts before anyone logged in.
        let router = try harness.manager([provider])
        let readinessBefore = await router.readiness(of: "corp")
        // `claude-router login` runs in another process with its own manager on the same store.
        try await harness.codeLogin(harness.logins([provider], manager: try harness.manager([provider])))
        let credential = try await router.accessToken(for: "corp")
        let readinessAfter = await router.readiness(of: "corp")
        await harness.shutdown()
        XCTAssertEqual(readinessBefore, .noAccount)
        XCTAssertEqual(credential.account, AccountID(provider: "corp", account: "default"))
        XCTAssertEqual(readinessAfter, .ready)
    }

    func testUnknownProviderAndNoAccount() async throws {
        let harness = try OAuthHarness()
        let manager = try harness.manager([harness.provider(.device)])
        do {
            _ = try await manager.accessToken(for: "corp")
            XCTFail("expected no account")
        } catch {
            XCTAssertEqual(error, .noAccount(provider: "corp"))
        }
        do {
            _ = try await manager.accessToken(for: "nope")
            XCTFail("expected not configured")
        } catch {
            XCTAssertEqual(error, .notConfigured(provider: "nope"))
        }
        let awaited31 = await manager.readiness(of: "corp")
        XCTAssertEqual(awaited31, .noAccount)
        await harness.shutdown()
    }
}
