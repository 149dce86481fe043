import Crypto
import Foundation
import Synchronization

/// Everything the fake server has issued, behind one lock, plus the call counters.
final class AuthState: Sendable {
    private struct Inner {
        var baseURL = ""
        var counters: [String: Int] = [:]
        var codes: [String: CodeRecord] = [:]
        var devices: [String: DeviceRecord] = [:]
        var access: [String: AccessRecord] = [:]
        var refresh: [String: RefreshRecord] = [:]
        var subjects = 0
        var serial = 0
    }

    let options: ServerOptions
    private let inner = Mutex(Inner())

    init(options: ServerOptions) {
        self.options = options
    }

    var baseURL: String { inner.withLock { $0.baseURL } }
    func setBaseURL(_ url: String) { inner.withLock { $0.baseURL = url } }

    // MARK: counters

    func count(_ name: String) { inner.withLock { $0.counters[name, default: 0] += 1 } }
    func stats() -> [String: Int] { inner.withLock { $0.counters } }

    // MARK: authorization code

    func issueCode(clientID: String?, redirectURI: String, challenge: String?, subject: String?) -> String {
        let code = AuthState.mint("fa_code_")
        inner.withLock {
            $0.subjects += 1
            $0.codes[code] = CodeRecord(
                clientID: clientID, redirectURI: redirectURI, challenge: challenge,
                subject: subject ?? "user-\($0.subjects)", expiresAt: Date().addingTimeInterval(options.codeTTL)
            )
        }
        return code
    }

    /// RFC 6749 §4.1.3 with RFC 7636 §4.6: one use, same redirect URI and client, verifier
    /// hashing to the challenge.
    func redeemCode(_ code: String, redirectURI: String?, clientID: String?, verifier: String?, checkRedirect: Bool = true) -> Result<(IssuedTokens, String), GrantError> {
        inner.withLock { state in
            guard var record = state.codes[code], !record.used, record.expiresAt > Date() else { return .failure(GrantError(code: "invalid_grant")) }
            record.used = true
            state.codes[code] = record
            if checkRedirect, record.redirectURI != redirectURI { return .failure(GrantError(code: "invalid_grant")) }
            if record.clientID != nil, record.clientID != clientID { return .failure(GrantError(code: "invalid_client", status: 401)) }
            if let challenge = record.challenge {
                guard let verifier, AuthState.challenge(for: verifier) == challenge else { return .failure(GrantError(code: "invalid_grant")) }
            }
            return .success((issue(in: &state, subject: record.subject, withRefresh: true), record.subject))
        }
    }

    // MARK: device authorization grant

    func startDevice(challenge: String?) -> (deviceCode: String, userCode: String) {
        let deviceCode = AuthState.mint("fa_dev_")
        let letters = Array("BCDFGHJKLMNPQRSTVWXZ")
        var generator = SystemRandomNumberGenerator()
        let raw = (0..<8).map { _ in letters[Int.random(in: 0..<letters.count, using: &generator)] }
        let userCode = String(raw[0..<4]) + "-" + String(raw[4..<8])
        inner.withLock {
            $0.devices[deviceCode] = DeviceRecord(
                userCode: userCode, challenge: challenge, expiresAt: Date().addingTimeInterval(options.deviceTTL),
                interval: options.deviceInterval
            )
        }
        return (deviceCode, userCode)
    }

    /// RFC 8628 §3.5: pending, slow_down (polled faster than the interval, or forced by the
    /// control endpoint), access_denied, expired_token, or tokens once.
    func pollDevice(_ deviceCode: String, verifier: String?) -> Result<IssuedTokens, GrantError> {
        inner.withLock { state in
            guard var record = state.devices[deviceCode], record.status != .consumed else { return .failure(GrantError(code: "invalid_grant")) }
            let now = Date()
            defer { state.devices[deviceCode] = record }
            if now >= record.expiresAt { return .failure(GrantError(code: "expired_token")) }
            let tooSoon = record.lastPoll.map { now.timeIntervalSince($0) < record.interval - 0.05 } ?? false
            record.lastPoll = now
            if tooSoon || record.forceSlowDown {
                record.forceSlowDown = false
                record.interval += options.slowDownIncrement
                state.counters["device.slow_down", default: 0] += 1
                if tooSoon { state.counters["device.too_fast", default: 0] += 1 }
                return .failure(GrantError(code: "slow_down"))
            }
            switch record.status {
            case .pending: return .failure(GrantError(code: "authorization_pending"))
            case .denied: return .failure(GrantError(code: "access_denied"))
            case .consumed: return .failure(GrantError(code: "invalid_grant"))
            case .approved:
                if let challenge = record.challenge {
                    guard let verifier, AuthState.challenge(for: verifier) == challenge else { return .failure(GrantError(code: "invalid_grant")) }
                }
                record.status = .consumed
                return .success(issue(in: &state, subject: record.subject, withRefresh: true))
            }
        }
    }

    /// Control: the user approves, denies or the server wants slower polling; false for an
    /// unknown user code.
    func updateDevice(userCode: String, _ change: (inout DeviceRecord) -> Void) -> Bool {
        inner.withLock { state in
            guard let key = state.devices.first(where: { $0.value.userCode == userCode })?.key, var record = state.devices[key] else { return false }
            change(&record)
            state.devices[key] = record
            return true
        }
    }

    // MARK: refresh, client credentials, keys

    /// Rotation: the presented refresh token dies now, a new one comes with the answer.
    func refresh(_ token: String) -> Result<IssuedTokens, GrantError> {
        inner.withLock { state in
            guard var record = state.refresh[token], record.valid else { return .failure(GrantError(code: "invalid_grant")) }
            record.valid = false
            state.refresh[token] = record
            return .success(issue(in: &state, subject: record.subject, withRefresh: true))
        }
    }

    func clientCredentials(clientID: String?, secret: String?) -> Result<IssuedTokens, GrantError> {
        guard clientID == options.clientID, secret == options.clientSecret else { return .failure(GrantError(code: "invalid_client", status: 401)) }
        return .success(inner.withLock { issue(in: &$0, subject: "client:\(options.clientID)", withRefresh: false) })
    }

    /// OpenRouter style: the code and verifier buy a key that does not expire.
    func redeemKey(code: String, verifier: String?) -> Result<String, GrantError> {
        switch redeemCode(code, redirectURI: nil, clientID: nil, verifier: verifier, checkRedirect: false) {
        case .failure(let error): return .failure(error)
        case .success(let (tokens, _)):
            inner.withLock { $0.access[tokens.access]?.expiresAt = nil }
            return .success(tokens.access)
        }
    }

    // MARK: the protected resource and control

    /// The subject of a live access token.
    func subject(ofAccessToken token: String) -> String? {
        inner.withLock { state in
            guard let record = state.access[token] else { return nil }
            if let expiresAt = record.expiresAt, expiresAt <= Date() { return nil }
            return record.subject
        }
    }

    /// Revokes every refresh token of `subject` (or all); returns how many.
    func revokeRefresh(subject: String?) -> Int {
        inner.withLock { state in
            var revoked = 0
            for (token, record) in state.refresh where record.valid && (subject == nil || record.subject == subject) {
                state.refresh[token]?.valid = false
                revoked += 1
            }
            return revoked
        }
    }

    /// Makes access tokens of `subject` (or all) expire now.
    func expireAccess(subject: String?) -> Int {
        inner.withLock { state in
            var expired = 0
            for (token, record) in state.access where subject == nil || record.subject == subject {
                state.access[token]?.expiresAt = Date(timeIntervalSince1970: 0)
                expired += 1
            }
            return expired
        }
    }

    /// Control: every token issued so far, oldest first, with its subject and times (seconds
    /// since 1970), so that tests can tell which token a resource server was shown and whether
    /// it was live then.
    func issuedTokens() -> [String: Any] {
        inner.withLock { state in
            let access: [[String: Any]] = state.access.sorted { $0.value.serial < $1.value.serial }.map { token, record in
                var item: [String: Any] = ["token": token, "subject": record.subject, "issued_at": record.issuedAt.timeIntervalSince1970]
                if let expiresAt = record.expiresAt { item["expires_at"] = expiresAt.timeIntervalSince1970 }
                return item
            }
            let refresh: [[String: Any]] = state.refresh.sorted { $0.value.serial < $1.value.serial }.map { token, record in
                ["token": token, "subject": record.subject, "valid": record.valid]
            }
            return ["access": access, "refresh": refresh]
        }
    }

    private func issue(in state: inout Inner, subject: String, withRefresh: Bool) -> IssuedTokens {
        let access = AuthState.mint("fa_at_")
        let now = Date()
        state.serial += 1
        state.access[access] = AccessRecord(subject: subject, expiresAt: now.addingTimeInterval(options.accessTTL), issuedAt: now, serial: state.serial)
        var refresh: String?
        if withRefresh {
            let token = AuthState.mint("fa_rt_")
            state.refresh[token] = RefreshRecord(subject: subject, serial: state.serial)
            refresh = token
        }
        return IssuedTokens(access: access, refresh: refresh, expiresIn: options.accessTTL)
    }

    static func mint(_ prefix: String) -> String {
        let key = SymmetricKey(size: .bits256)
        return prefix + key.withUnsafeBytes { Base64URLText.encode(Data($0)) }
    }

    static func challenge(for verifier: String) -> String {
        Base64URLText.encode(Data(SHA256.hash(data: Data(verifier.utf8))))
    }
}
