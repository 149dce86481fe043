import HTTPTypes
import Hummingbird
import OAuth
import RouteModel

/// `GET /healthz` (the process serves) and `GET /readyz` (every provider can be called).
struct HealthEndpoints: Sendable {
    let state: RouterState

    func health(_ request: Request, context: RouterRequestContext) async -> Response {
        ResponseFactory.json(#"{"status":"ok"}"#, requestID: context.requestID)
    }

    /// 200 when every provider has credentials, else 503 listing the providers and the names
    /// (never the values) of what is missing.
    ///
    /// A key provider is ready when its pool has a key. An OAuth provider is ready when the
    /// token manager has a usable account for it; otherwise it is listed with
    /// `"needs":"oauth login"` and `"oauth":"needs-login"` (every account was refused) or
    /// `"oauth":"no-account"` (nobody logged in, or the router keeps no token store).
    func ready(_ request: Request, context: RouterRequestContext) async -> Response {
        var items: [String] = []
        for entry in state.credentials.providers {
            if case .oauth = entry.auth {
                let readiness = await state.oauth?.manager.readiness(of: entry.name) ?? .noAccount
                guard readiness != .ready else { continue }
                items.append(
                    #"{"provider":"# + JSONText.quote(entry.name) + #","missing_env":[],"needs":"oauth login","oauth":"#
                        + JSONText.quote(readiness.rawValue) + "}"
                )
                continue
            }
            guard !entry.isUsable else { continue }
            let missing = entry.missingNames.map(JSONText.quote).joined(separator: ",")
            items.append(#"{"provider":"# + JSONText.quote(entry.name) + #","missing_env":["# + missing + "]}")
        }
        guard !items.isEmpty else {
            return ResponseFactory.json(#"{"status":"ready"}"#, requestID: context.requestID)
        }
        let body = #"{"status":"not_ready","providers":["# + items.joined(separator: ",") + "]}"
        return ResponseFactory.json(body, status: .serviceUnavailable, requestID: context.requestID)
    }
}
