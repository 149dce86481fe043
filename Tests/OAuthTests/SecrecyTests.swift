import Foundation
import OAuth
import XCTest

/// Real tokens from the fake server never reach the disk in clear, the logs, or error texts.
final class SecrecyTests: XCTestCase {
    func testRealTokensAreNeitherOnDiskInClearNorLogged() async throws {
        let harness = try OAuthHarness(["--access-ttl", "60", "--device-interval", "0.2"])
        let capture = LogCapture()
        let provider = harness.provider(.device)
        let store = try harness.store()
        let manager = TokenManager(store: store, providers: [provider], client: harness.http, logger: capture.logger("oauth"))
        let logins = LoginService(providers: [provider], client: harness.http, manager: manager, logger: capture.logger("oauth.login"))

        let flow = try await logins.begin(provider: "corp", redirectURI: "unused")
        _ = try await harness.fake.control("/_fake/device/approve", ["user_code": try XCTUnwrap(flow.userCode), "subject": "carol"])
        let finished = await logins.waitUntilFinished(flow.id)
        XCTAssertEqual(finished?.state, .succeeded(AccountID(provider: "corp", account: "default")))
        let first = try XCTUnwrap(try store.load(AccountID(provider: "corp", account: "default")))
        // A refresh (on 401) and a refused refresh, so that both paths log.
        _ = try await harness.fake.control("/_fake/expire-access")
        let refreshed = try await manager.reportUnauthorized(try await manager.accessToken(for: "corp"))
        let second = try XCTUnwrap(try store.load(AccountID(provider: "corp", account: "default")))
        _ = try await harness.fake.control("/_fake/revoke")
        _ = try await harness.fake.control("/_fake/expire-access")
        var refusal = ""
        do { _ = try await manager.reportUnauthorized(refreshed) } catch { refusal = "\(error)" }
        XCTAssertFalse(refusal.isEmpty, "the revoked refresh token must be refused")

        var secrets = [first.tokens.accessToken.exposed, second.tokens.accessToken.exposed]
        secrets += [first.tokens.refreshToken?.exposed, second.tokens.refreshToken?.exposed].compactMap { $0 }
        XCTAssertEqual(Set(secrets).count, 4)
        let directory = store.directory
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        XCTAssertFalse(files.isEmpty)
        for name in files {
            let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/" + name)
            XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600, name)
            let bytes = try XCTUnwrap(FileManager.default.contents(atPath: directory + "/" + name))
            for secret in secrets {
                XCTAssertNil(bytes.range(of: Data(secret.utf8)), "\(name) holds a token in clear")
            }
            XCTAssertNil(bytes.range(of: Data("fa_".utf8)), "\(name) holds a token prefix in clear")
        }
        let logged = capture.all
        XCTAssertFalse(logged.isEmpty)
        for line in logged + [refusal, "\(first)", "\(second)", "\(refreshed)", "\(finished.map { "\($0)" } ?? "")", finished?.json ?? ""] {
            XCTAssertFalse(line.contains("fa_"), "a token or code leaked: \(line)")
        }
        await harness.shutdown()
    }
}
