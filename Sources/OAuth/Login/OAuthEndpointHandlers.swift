import Foundation

/// The OAuth HTTP endpoints as plain functions (the router's Hummingbird adapter only moves
/// bytes): start a login, poll it, take the authorization-code redirect, list accounts.
public struct OAuthEndpointHandlers: Sendable {
    public let logins: LoginService
    public let manager: TokenManager

    public init(logins: LoginService, manager: TokenManager) {
        self.logins = logins
        self.manager = manager
    }

    /// `POST /v1/oauth/{provider}/login` with an optional `{"account": "name"}` body; the
    /// redirect goes to `redirectURI` (the router's own `/oauth/callback`).
    public func start(provider: String, body: Data?, redirectURI: String) async -> OAuthEndpointReply {
        var account: String?
        if let body, !body.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                return .error("invalid_request_error", "the body must be a JSON object", status: 400)
            }
            account = object["account"] as? String
        }
        if let account, !OAuthEndpointHandlers.isValidAccountName(account) {
            return .error("invalid_request_error", "account names use letters, digits, '.', '_', '-', '@' (at most 64)", status: 400)
        }
        do throws(OAuthError) {
            let flow = try await logins.begin(provider: provider, account: account, redirectURI: redirectURI)
            return .json(flow.json, status: 201)
        } catch {
            switch error {
            case .notConfigured: return .error("not_found_error", error.description, status: 404)
            default: return .error("api_error", error.description, status: 502)
            }
        }
    }

    /// `GET /v1/oauth/flows/{id}`.
    public func poll(flowID: String) async -> OAuthEndpointReply {
        guard let flow = await logins.flow(flowID) else {
            return .error("not_found_error", "no such login flow", status: 404)
        }
        return .json(flow.json)
    }

    /// `GET /oauth/callback?code=…&state=…`.
    public func callback(query: String) async -> OAuthEndpointReply {
        await logins.completeRedirect(query: FormURLEncoding.decode(Substring(query))).reply
    }

    /// `GET /v1/oauth/accounts`: every account with its state and expiry.
    public func accounts() async -> OAuthEndpointReply {
        let items = await manager.statuses().map { status in
            var fields = [
                "\"provider\":\(JSONString.quote(status.id.provider))",
                "\"account\":\(JSONString.quote(status.id.account))",
                "\"state\":\(JSONString.quote(status.state.rawValue))",
            ]
            if let expiresAt = status.expiresAt { fields.append("\"expires_at\":\(Int(expiresAt.timeIntervalSince1970))") }
            if let base = status.apiBaseURL { fields.append("\"api_base_url\":\(JSONString.quote(base))") }
            return "{" + fields.joined(separator: ",") + "}"
        }
        return .json("{\"accounts\":[" + items.joined(separator: ",") + "]}")
    }

    public static func isValidAccountName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "._-@".unicodeScalars.contains($0)
        }
    }
}
