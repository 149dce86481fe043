import FakeAuthServerLauncher
import AsyncHTTPClient
import Foundation
import OAuth
import RouteModel
import XCTest

/// A fake server process, an HTTP client (redirects not followed, as the tests play the
/// browser) and a fresh data directory.
final class OAuthHarness: @unchecked Sendable {
    let server: FakeAuthServerProcess
    let http: HTTPClient
    let fake: FakeAuthClient
    let dataDirectory: String
    let clientID = "test-client"

    init(_ arguments: [String] = []) throws {
        server = try FakeAuthServerProcess.start(arguments)
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        fake = FakeAuthClient(http: http, baseURL: server.baseURL)
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("oauth-tests-" + UUID().uuidString).path
    }

    func shutdown() async {
        try? await http.shutdown()
        server.stop()
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }

    /// A provider named `name` whose endpoints are the fake server's.
    func provider(
        _ flow: OAuthSpec.Flow, name: String = "corp", pkce: Bool = true, refreshLead: TimeInterval = 60,
        openRouter: Bool = false, environment: [String: String] = ["CORP_SECRET": "test-secret"]
    ) -> OAuthProvider {
        let base = server.baseURL
        let spec = OAuthSpec(
            flow: flow, deviceURL: base + "/device/code", authorizeURL: base + "/authorize",
            tokenURL: openRouter ? base + "/api/v1/auth/keys" : base + "/token",
            clientID: openRouter ? "" : clientID, clientSecretEnv: flow == .clientCredentials ? "CORP_SECRET" : nil,
            scopes: ["openid", "llm.use"], pkce: pkce
        )
        return OAuthProvider(name: name, spec: spec, environment: environment, refreshLead: refreshLead)
    }

    func store(environment: [String: String] = [:]) throws -> TokenStore {
        try TokenStore(dataDirectory: dataDirectory, environment: environment)
    }

    func manager(_ providers: [OAuthProvider]) throws -> TokenManager {
        TokenManager(store: try store(), providers: providers, client: http)
    }

    func logins(_ providers: [OAuthProvider], manager: TokenManager) -> LoginService {
        LoginService(providers: providers, client: http, manager: manager)
    }

    /// A whole authorization-code login: start, "open" the URL (the fake approves as
    /// `subject`), deliver the redirect to the callback.
    @discardableResult
    func codeLogin(_ logins: LoginService, provider: String = "corp", account: String = "default", subject: String? = nil) async throws -> LoginFlow {
        let flow = try await logins.begin(provider: provider, account: account, redirectURI: "http://127.0.0.1:1/oauth/callback")
        let url = (flow.url ?? "") + (subject.map { "&login_hint=" + $0 } ?? "")
        let redirect = try await fake.openAuthorizeURL(url)
        let result = await logins.completeRedirect(query: redirect?.queryDictionary ?? [:])
        XCTAssertEqual(result.reply.status, 200, result.reply.body)
        return try XCTUnwrap(result.flow)
    }

    /// Rewrites an account's stored expiry, as if time had passed.
    func setExpiry(_ id: AccountID, _ date: Date) throws {
        let store = try store()
        var record = try XCTUnwrap(try store.load(id))
        record.tokens.expiresAt = date
        try store.save(record)
    }
}
