import AsyncHTTPClient
import Foundation
import Logging
import RouteModel

/// Runs logins for the dashboard endpoints and the CLI: starts a flow, keeps its state for
/// polling, answers the authorization-code redirect, and saves the tokens through the
/// ``TokenManager``.
public actor LoginService {
    private let providers: [String: OAuthProvider]
    private let client: HTTPClient
    private let manager: TokenManager
    private let logger: Logger
    /// How long an authorization-code login waits for its redirect.
    private let authorizationLifetime: TimeInterval
    private var flows: [String: LoginFlow] = [:]
    /// Pending authorization-code logins by their `state`: removed on first use.
    private var awaitingRedirect: [SecretValue: (flowID: String, request: AuthorizationRequest)] = [:]
    private var pollers: [String: Task<Void, Never>] = [:]

    public init(
        providers: [OAuthProvider], client: HTTPClient, manager: TokenManager,
        authorizationLifetime: TimeInterval = 600, logger: Logger = Logger(label: "oauth.login")
    ) {
        self.providers = Dictionary(providers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.client = client
        self.manager = manager
        self.authorizationLifetime = authorizationLifetime
        self.logger = logger
    }

    deinit {
        for poller in pollers.values { poller.cancel() }
    }

    // MARK: flows

    /// Starts a login of `provider` into `account` (default `default`). An authorization-code
    /// login redirects to `redirectURI`; a device login polls in the background; a client
    /// credentials login finishes before this returns.
    public func begin(provider name: String, account: String? = nil, redirectURI: String) async throws(OAuthError) -> LoginFlow {
        guard let provider = providers[name] else { throw .notConfigured(provider: name) }
        prune()
        let id = RandomString.make(byteCount: 16)
        let account = account.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        let endpoint = TokenEndpoint(client: client, provider: provider)
        switch provider.spec.flow {
        case .authorizationCode:
            let request = try AuthorizationRequest(provider: provider, redirectURI: redirectURI)
            let flow = LoginFlow(
                id: id, provider: name, account: account, kind: .authorizationCode, url: request.url, userCode: nil,
                expiresAt: Date().addingTimeInterval(authorizationLifetime), state: .pending
            )
            flows[id] = flow
            awaitingRedirect[request.state] = (id, request)
            return flow
        case .device:
            let device = try await endpoint.startDevice()
            let flow = LoginFlow(
                id: id, provider: name, account: account, kind: .device,
                url: device.verificationURIComplete ?? device.verificationURI, userCode: device.userCode,
                expiresAt: device.expiresAt, state: .pending
            )
            flows[id] = flow
            pollers[id] = Task { [weak self] in
                let result: Result<TokenSet, OAuthError>
                do throws(OAuthError) {
                    result = .success(try await DevicePoller(endpoint: endpoint).run(device))
                } catch {
                    result = .failure(error)
                }
                await self?.finish(id, with: result)
            }
            return flow
        case .clientCredentials:
            var flow = LoginFlow(
                id: id, provider: name, account: account, kind: .clientCredentials, url: nil, userCode: nil,
                expiresAt: Date().addingTimeInterval(authorizationLifetime), state: .pending
            )
            flows[id] = flow
            do throws(OAuthError) {
                let tokens = try await endpoint.clientCredentials()
                await finish(id, with: .success(tokens))
            } catch {
                await finish(id, with: .failure(error))
            }
            flow.state = flows[id]?.state ?? .failed("flow vanished")
            return flow
        }
    }

    /// The flow's current state; a pending one past its expiry is reported failed.
    public func flow(_ id: String) -> LoginFlow? {
        guard var flow = flows[id] else { return nil }
        if flow.state == .pending, Date() >= flow.expiresAt {
            flow.state = .failed(OAuthError.expired.description)
            flows[id] = flow
            pollers.removeValue(forKey: id)?.cancel()
        }
        return flow
    }

    /// Waits until the flow has finished (or vanished), checking every `interval`.
    public func waitUntilFinished(_ id: String, checkingEvery interval: Duration = .milliseconds(200)) async -> LoginFlow? {
        while let current = flow(id) {
            if current.state.isFinished { return current }
            do { try await Task.sleep(for: interval) } catch { return flow(id) }
        }
        return nil
    }

    /// Stops a pending flow.
    public func cancel(_ id: String) {
        pollers.removeValue(forKey: id)?.cancel()
        awaitingRedirect = awaitingRedirect.filter { $0.value.flowID != id }
        if var flow = flows[id], flow.state == .pending {
            flow.state = .failed(OAuthError.cancelled.description)
            flows[id] = flow
        }
    }

    /// The authorization-code redirect: `state` must name a pending login (each is accepted
    /// once, and not after it expired), then the code is exchanged with the PKCE verifier.
    public func completeRedirect(query: [String: String]) async -> (flow: LoginFlow?, reply: OAuthEndpointReply) {
        guard let state = query["state"], let pending = awaitingRedirect.removeValue(forKey: SecretValue(state)) else {
            logger.warning("OAuth callback with an unknown, used or expired state")
            return (nil, .page("This login link is unknown, expired or was already used. Start the login again.", status: 400))
        }
        let id = pending.flowID
        guard let flow = self.flow(id), flow.state == .pending else {
            return (self.flow(id), .page("This login expired. Start the login again.", status: 400))
        }
        if let error = query["error"] {
            let code = error.allSatisfy { $0.isLetter || $0 == "_" } ? error : "error"
            let failure: OAuthError = code == "access_denied" ? .accessDenied : .grantRejected(code: code, status: 0)
            await finish(id, with: .failure(failure))
            return (self.flow(id), .page("The login was not approved (\(code)).", status: 400))
        }
        guard let code = query["code"], !code.isEmpty, let provider = providers[flow.provider] else {
            await finish(id, with: .failure(.badResponse(endpoint: "callback", status: 400, reason: "no code")))
            return (self.flow(id), .page("The redirect carried no authorization code.", status: 400))
        }
        let endpoint = TokenEndpoint(client: client, provider: provider)
        do throws(OAuthError) {
            let tokens = try await endpoint.exchange(code: SecretValue(code), redirectURI: pending.request.redirectURI, pkce: pending.request.pkce)
            await finish(id, with: .success(tokens))
        } catch {
            await finish(id, with: .failure(error))
        }
        let finished = self.flow(id)
        if case .succeeded? = finished?.state {
            return (finished, .page("Logged in to \(flow.provider) as account \(flow.account). You can close this window.", status: 200))
        }
        return (finished, .page("The login failed: \(finished?.failureReason ?? "unknown reason"). Start it again.", status: 400))
    }

    // MARK: internals

    private func finish(_ id: String, with result: Result<TokenSet, OAuthError>) async {
        pollers.removeValue(forKey: id)
        guard var flow = flows[id], flow.state == .pending else { return }
        switch result {
        case .success(let tokens):
            let record = AccountRecord(provider: flow.provider, account: flow.account, tokens: tokens)
            do throws(OAuthError) {
                try await manager.add(record)
                flow.state = .succeeded(record.id)
                logger.info("OAuth login succeeded", metadata: ["account": "\(record.id)"])
            } catch {
                flow.state = .failed(error.description)
            }
        case .failure(let error):
            flow.state = .failed(error.description)
            logger.warning("OAuth login failed", metadata: ["provider": "\(flow.provider)", "error": "\(error)"])
        }
        flows[id] = flow
    }

    /// Forgets flows that ended (or expired) a while ago, so polling state stays bounded.
    private func prune() {
        let horizon = Date().addingTimeInterval(-authorizationLifetime)
        for (id, flow) in flows where flow.expiresAt < horizon {
            flows[id] = nil
            pollers.removeValue(forKey: id)?.cancel()
        }
        awaitingRedirect = awaitingRedirect.filter { flows[$0.value.flowID] != nil }
    }
}
