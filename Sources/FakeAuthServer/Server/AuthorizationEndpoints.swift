import Foundation
import Hummingbird

/// The user-facing side: `GET /authorize` (approves at once and redirects, as a logged-in user
/// clicking "allow" would) and `POST /device/code`.
struct AuthorizationEndpoints: Sendable {
    let state: AuthState

    func register(on router: Router<BasicRequestContext>) {
        router.get("/authorize") { request, _ in authorize(request) }
        router.post("/device/code") { request, _ in try await deviceCode(request) }
    }

    /// Standard (`redirect_uri`, `state`, `client_id`) or OpenRouter style (`callback_url`).
    /// `login_hint=deny` answers `access_denied`; any other hint becomes the subject.
    func authorize(_ request: Request) -> Response {
        state.count("authorize")
        let challenge = Replies.query(request, "code_challenge")
        if let method = Replies.query(request, "code_challenge_method"), method != "S256" {
            return Replies.json(["error": "invalid_request", "error_description": "only S256"], status: .badRequest)
        }
        let hint = Replies.query(request, "login_hint")
        if let callback = Replies.query(request, "callback_url") {
            guard isLoopback(callback) else { return Replies.json(["error": "invalid_request"], status: .badRequest) }
            let code = state.issueCode(clientID: nil, redirectURI: callback, challenge: challenge, subject: hint)
            return Replies.redirect(callback + (callback.contains("?") ? "&" : "?") + "code=" + code)
        }
        guard let redirect = Replies.query(request, "redirect_uri"), isLoopback(redirect),
              Replies.query(request, "response_type") == "code"
        else { return Replies.json(["error": "invalid_request"], status: .badRequest) }
        guard Replies.query(request, "client_id") == state.options.clientID else {
            return Replies.json(["error": "unauthorized_client"], status: .badRequest)
        }
        let stateParam = Replies.query(request, "state").map { "&state=" + escape($0) } ?? ""
        let separator = redirect.contains("?") ? "&" : "?"
        if hint == "deny" {
            return Replies.redirect(redirect + separator + "error=access_denied" + stateParam)
        }
        let code = state.issueCode(clientID: state.options.clientID, redirectURI: redirect, challenge: challenge, subject: hint)
        return Replies.redirect(redirect + separator + "code=" + code + stateParam)
    }

    func deviceCode(_ request: Request) async throws -> Response {
        state.count("device_authorization")
        let form = try await Replies.form(request)
        guard form["client_id"] == state.options.clientID else { return Replies.grantError(GrantError(code: "invalid_client", status: 401)) }
        if let method = form["code_challenge_method"], method != "S256" { return Replies.grantError(GrantError(code: "invalid_request")) }
        let (deviceCode, userCode) = state.startDevice(challenge: form["code_challenge"])
        let verification = state.baseURL + "/device"
        return Replies.json([
            "device_code": deviceCode, "user_code": userCode, "verification_uri": verification,
            "verification_uri_complete": verification + "?user_code=" + userCode,
            "expires_in": state.options.deviceTTL, "interval": state.options.deviceInterval,
        ])
    }

    private func isLoopback(_ url: String) -> Bool {
        url.hasPrefix("http://127.0.0.1:") || url.hasPrefix("http://localhost:") || url.hasPrefix("http://[::1]:")
    }

    private func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}
