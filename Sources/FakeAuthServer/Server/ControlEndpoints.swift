import Hummingbird

/// The test's levers: counters, device approval, revocation and forced expiry.
struct ControlEndpoints: Sendable {
    let state: AuthState

    func register(on router: Router<BasicRequestContext>) {
        router.get("/_fake/stats") { _, _ in Replies.json(state.stats()) }
        // Every access and refresh token issued, oldest first (a test's view of the truth).
        router.get("/_fake/tokens") { _, _ in Replies.json(state.issuedTokens()) }
        // `?user_code=…[&subject=…]`: the user approves in the browser.
        router.post("/_fake/device/approve") { request, _ in
            let subject = Replies.query(request, "subject")
            return device(request) {
                $0.status = .approved
                if let subject { $0.subject = subject }
            }
        }
        router.post("/_fake/device/deny") { request, _ in device(request) { $0.status = .denied } }
        // The next poll answers `slow_down`, whatever its pace.
        router.post("/_fake/device/slow-down") { request, _ in device(request) { $0.forceSlowDown = true } }
        // `?subject=…` or every refresh token.
        router.post("/_fake/revoke") { request, _ in
            Replies.json(["revoked": state.revokeRefresh(subject: Replies.query(request, "subject"))])
        }
        router.post("/_fake/expire-access") { request, _ in
            Replies.json(["expired": state.expireAccess(subject: Replies.query(request, "subject"))])
        }
    }

    private func device(_ request: Request, _ change: (inout DeviceRecord) -> Void) -> Response {
        guard let userCode = Replies.query(request, "user_code"), state.updateDevice(userCode: userCode, change) else {
            return Replies.json(["error": "unknown user_code"], status: .notFound)
        }
        return Replies.json(["ok": true])
    }
}
