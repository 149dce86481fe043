import Foundation
import HTTPTypes
import RouteModel

/// Who may reach the admin surface (`/ui/`, `/v1/admin/…`, the OAuth login endpoints): an admin
/// client's key (`x-api-key` / Bearer), a session cookie signed for an admin client, or anyone
/// when the table has no clients (the router then serves loopback only).
struct AdminAccess: Sendable {
    let authenticator: ClientAuthenticator
    let sessions: SessionKeys
    let throttle = SignInThrottle()

    /// How a request was let in.
    enum Grant: Sendable {
        /// No clients configured: loopback, open.
        case open
        /// An admin client's key on the request itself (scripts): no CSRF token needed.
        case key(ClientSpec)
        /// A browser session of an admin client.
        case session(client: String, token: String)

        /// Whose CSRF token state-changing requests must carry; nil when none is needed.
        var csrfSubject: String? {
            switch self {
            case .open: "-"
            case .key: nil
            case .session(_, let token): token
            }
        }

        /// The admin's client name, `-` in the open mode.
        var clientName: String {
            switch self {
            case .open: "-"
            case .key(let spec): spec.name
            case .session(let client, _): client
            }
        }
    }

    var isOpen: Bool { authenticator.clients.isEmpty }

    /// The grant of a request, or why it is refused: 401 without credentials (or with a wrong
    /// key or an expired session), 403 for a client that is not an admin.
    func authorize(_ headers: HTTPFields) throws(RouterError) -> Grant {
        if isOpen { return .open }
        if ClientAuthenticator.presentedKey(headers) != nil {
            guard case .client(let spec) = try authenticator.authenticate(headers) else { return .open }
            guard spec.admin else { throw .adminRequired(client: spec.name) }
            return .key(spec)
        }
        guard let token = Self.cookie(SessionKeys.cookieName, in: headers) else {
            throw .unauthenticated(reason: "sign in at /ui/login, or send an admin client's key as x-api-key or Authorization: Bearer")
        }
        guard let name = sessions.verify(token) else {
            throw .unauthenticated(reason: "the session has expired or is not valid: sign in again at /ui/login")
        }
        guard let spec = authenticator.clients.first(where: { $0.name == name }), spec.admin else {
            throw .adminRequired(client: name)
        }
        return .session(client: spec.name, token: token)
    }

    /// The CSRF token a page embeds for its forms and scripts; nil when none is needed.
    func csrfToken(for grant: Grant) -> String? {
        grant.csrfSubject.map(sessions.csrfToken(for:))
    }

    /// Whether a state-changing request carries what its grant needs: the session's CSRF token,
    /// and in the open mode a same-origin browser context (a page of another site cannot post
    /// to the loopback router).
    func allowsStateChange(_ headers: HTTPFields, authority: String?, grant: Grant, formToken: String?) -> Bool {
        guard let subject = grant.csrfSubject else { return true }
        if case .open = grant {
            if headers[.secFetchSite] == "cross-site" { return false }
            if let origin = headers[.origin], let authority, origin != "http://" + authority, origin != "https://" + authority {
                return false
            }
            return true
        }
        return sessions.checkCSRF(headers[.xCSRFToken] ?? formToken, for: subject)
    }

    /// One cookie's value from the `Cookie` header(s).
    static func cookie(_ name: String, in headers: HTTPFields) -> String? {
        for line in headers[values: .cookie] {
            for pair in line.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name else { continue }
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}

extension HTTPField.Name {
    static let xCSRFToken = Self("x-csrf-token")!
    static let secFetchSite = Self("sec-fetch-site")!
    static let xForwardedProto = Self("x-forwarded-proto")!
}
