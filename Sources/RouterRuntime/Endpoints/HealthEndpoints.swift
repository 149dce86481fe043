import HTTPTypes
import Hummingbird
import RouteModel

/// `GET /healthz` (the process serves) and `GET /readyz` (every provider can be called).
struct HealthEndpoints: Sendable {
    let state: RouterState

    func health(_ request: Request, context: RouterRequestContext) async -> Response {
        ResponseFactory.json(#"{"status":"ok"}"#, requestID: context.requestID)
    }

    /// 200 when every provider has credentials, else 503 listing the providers and the names
    /// (never the values) of what is missing.
    func ready(_ request: Request, context: RouterRequestContext) async -> Response {
        let unready = state.credentials.providers.filter { !$0.isUsable }
        guard !unready.isEmpty else {
            return ResponseFactory.json(#"{"status":"ready"}"#, requestID: context.requestID)
        }
        let items = unready.map { entry in
            let missing = entry.missingNames.map(JSONText.quote).joined(separator: ",")
            let needs = entry.auth == .oauth ? #","needs":"oauth login""# : ""
            return #"{"provider":"# + JSONText.quote(entry.name) + #","missing_env":["# + missing + "]" + needs + "}"
        }
        let body = #"{"status":"not_ready","providers":["# + items.joined(separator: ",") + "]}"
        return ResponseFactory.json(body, status: .serviceUnavailable, requestID: context.requestID)
    }
}
