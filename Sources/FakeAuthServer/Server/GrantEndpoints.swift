import Hummingbird

/// `POST /token` (every grant type) and OpenRouter's `POST /api/v1/auth/keys`.
struct GrantEndpoints: Sendable {
    let state: AuthState

    func register(on router: Router<BasicRequestContext>) {
        router.post("/token") { request, _ in try await token(request) }
        router.post("/api/v1/auth/keys") { request, _ in try await key(request) }
    }

    func token(_ request: Request) async throws -> Response {
        let form = try await Replies.form(request)
        let grant = form["grant_type"] ?? ""
        let short = grant == "urn:ietf:params:oauth:grant-type:device_code" ? "device_code" : grant
        state.count("token." + short)
        let basic = Replies.basic(request)
        let clientID = form["client_id"] ?? basic?.0
        let result: Result<IssuedTokens, GrantError>
        switch short {
        case "authorization_code":
            result = state.redeemCode(form["code"] ?? "", redirectURI: form["redirect_uri"], clientID: clientID, verifier: form["code_verifier"]).map { $0.0 }
        case "device_code":
            guard clientID == state.options.clientID else { return reject(GrantError(code: "invalid_client", status: 401), grant: short) }
            result = state.pollDevice(form["device_code"] ?? "", verifier: form["code_verifier"])
        case "refresh_token":
            guard clientID == state.options.clientID else { return reject(GrantError(code: "invalid_client", status: 401), grant: short) }
            result = state.refresh(form["refresh_token"] ?? "")
            if state.options.refreshDelay > .zero { try await Task.sleep(for: state.options.refreshDelay) }
        case "client_credentials":
            result = state.clientCredentials(clientID: clientID, secret: form["client_secret"] ?? basic?.1)
        default:
            result = .failure(GrantError(code: "unsupported_grant_type"))
        }
        switch result {
        case .success(let issued):
            state.count("token." + short + ".ok")
            return Replies.tokens(issued, resourceURL: state.options.resourceURL)
        case .failure(let error):
            return reject(error, grant: short)
        }
    }

    func key(_ request: Request) async throws -> Response {
        state.count("keys")
        let body = try await Replies.jsonStrings(request)
        if let method = body["code_challenge_method"], method != "S256" { return reject(GrantError(code: "invalid_request"), grant: "keys") }
        switch state.redeemKey(code: body["code"] ?? "", verifier: body["code_verifier"]) {
        case .success(let key):
            state.count("keys.ok")
            return Replies.json(["key": key, "user_id": "openrouter-user"])
        case .failure(let error):
            return reject(error, grant: "keys")
        }
    }

    private func reject(_ error: GrantError, grant: String) -> Response {
        state.count("token.\(grant).error.\(error.code)")
        return Replies.grantError(error)
    }
}
