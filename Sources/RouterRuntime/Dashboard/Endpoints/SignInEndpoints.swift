import Foundation
import HTTPTypes
import Hummingbird
import OAuth

/// `/ui/login`: a form with one password field for an admin client's key. A right key sets the
/// session cookie (HttpOnly, SameSite=Strict, Secure over TLS, 12 hours); a wrong one says so
/// and counts against the address, which may try at most five times a minute.
struct SignInEndpoints: Sendable {
    let access: AdminAccess

    func form(_ request: Request) -> Response {
        if access.isOpen { return DashboardResponse.redirect(to: "/ui/") }
        return page(message: nil, next: nextPath(request.uri.queryParameters["next"].map(String.init)), status: .ok)
    }

    func submit(_ request: Request, context: RouterRequestContext) async -> Response {
        if access.isOpen { return DashboardResponse.redirect(to: "/ui/") }
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        let now = Int64(Date().timeIntervalSince1970)
        let fields: [String: String]
        do throws(RouterError) { fields = try await DashboardRoutes.fields(request, limit: 16 * 1024) } catch {
            return page(message: error.descriptor.message, next: "/ui/", status: .badRequest)
        }
        let next = nextPath(fields["next"])
        if let wait = access.throttle.waitSeconds(for: address, nowSeconds: now) {
            var headers = HTTPFields()
            headers[.retryAfter] = String(wait)
            return page(message: "Too many wrong keys from your address. Try again in \(wait) s.", next: next, status: .tooManyRequests, headers: headers)
        }
        let key = (fields["key"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var headers = HTTPFields()
        headers[.xAPIKey] = key
        let identity: ClientAuthenticator.Identity
        do throws(RouterError) {
            identity = try access.authenticator.authenticate(headers)
        } catch {
            access.throttle.recordFailure(of: address, nowSeconds: now)
            let message = key.isEmpty ? "Paste an admin client's key." : "That key is not the key of any client of this router."
            return page(message: message, next: next, status: .unauthorized)
        }
        guard case .client(let spec) = identity, spec.admin else {
            access.throttle.recordFailure(of: address, nowSeconds: now)
            return page(message: "That key belongs to client '\(identity.name)', which is not an admin (admin: true in routes.yaml).", next: next, status: .forbidden)
        }
        access.throttle.recordSuccess(of: address)
        let secure = request.headers[.xForwardedProto] == "https" || request.head.scheme == "https"
        var cookie = HTTPFields()
        cookie[.setCookie] = "\(SessionKeys.cookieName)=\(access.sessions.issue(client: spec.name)); Path=/; Max-Age=\(SessionKeys.lifetimeSeconds); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
        return DashboardResponse.redirect(to: next, extraHeaders: cookie)
    }

    func signOut(_ request: Request) -> Response {
        var cookie = HTTPFields()
        cookie[.setCookie] = "\(SessionKeys.cookieName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
        return DashboardResponse.redirect(to: "/ui/login", extraHeaders: cookie)
    }

    /// Only a dashboard path may be the target after sign-in (no open redirect).
    private func nextPath(_ next: String?) -> String {
        guard let next, next.hasPrefix("/ui"), !next.hasPrefix("//"), !next.contains("\\") else { return "/ui/" }
        return next
    }

    private func page(message: String?, next: String, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        var body = "<section class=\"signin\"><h1>Sign in</h1>"
        body += "<p>Paste the key of a client with <code>admin: true</code>. The router keeps a signed session cookie in this browser for 12 hours; the key itself is not stored.</p>"
        if let message { body += "<p class=\"notice bad-text\" id=\"signin-error\" role=\"alert\">" + HTML.escape(message) + "</p>" }
        body += "<form method=\"post\" action=\"/ui/login\"><input type=\"hidden\" name=\"next\" value=\"\(HTML.escape(next))\">"
        body += "<label>Admin key <input type=\"password\" name=\"key\" autocomplete=\"current-password\" required autofocus></label>"
        body += "<button type=\"submit\">Sign in</button></form></section>"
        return DashboardResponse.html(Layout.page(title: "Sign in", section: nil, csrf: nil, signedInAs: nil, body: body), status: status, extraHeaders: headers)
    }
}
