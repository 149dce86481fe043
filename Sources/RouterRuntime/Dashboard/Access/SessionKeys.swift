import Crypto
import Foundation

/// Signs and checks the dashboard's session cookies and CSRF tokens with an HMAC-SHA256 secret.
///
/// The secret lives in `<data-dir>/ui-session.key` (32 random bytes, mode 0600), so sessions
/// survive a restart; without a data directory (in-process tests) it is random per process.
/// A session names the admin client and its expiry; nothing secret is in it, and a client that
/// loses `admin: true` loses its sessions at the next check.
struct SessionKeys: Sendable {
    /// The cookie's name.
    static let cookieName = "cr_session"
    /// How long a sign-in lasts.
    static let lifetimeSeconds = 12 * 3600

    private let key: SymmetricKey

    init(key: SymmetricKey) {
        self.key = key
    }

    /// Reads the secret of `dataDirectory`, creating it on first use; a random one without.
    static func load(dataDirectory: String?) throws -> SessionKeys {
        guard let dataDirectory else { return SessionKeys(key: SymmetricKey(size: .bits256)) }
        let path = dataDirectory + "/ui-session.key"
        if let bytes = FileManager.default.contents(atPath: path), bytes.count == 32 {
            return SessionKeys(key: SymmetricKey(data: bytes))
        }
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Data($0) }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
        guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        return SessionKeys(key: key)
    }

    /// A session token for `client` valid until `now + lifetime`: `name.expiry.mac`.
    func issue(client: String, now: Date = Date()) -> String {
        let payload = Self.base64URL(Array(client.utf8)) + "." + String(Int(now.timeIntervalSince1970) + Self.lifetimeSeconds)
        return payload + "." + mac(payload)
    }

    /// The client name a token was issued to, when its signature holds and it has not expired.
    func verify(_ token: String, now: Date = Date()) -> String? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let expiry = Int(parts[1]), Int(now.timeIntervalSince1970) < expiry else { return nil }
        let payload = parts[0] + "." + parts[1]
        guard Self.constantTimeEqual(Array(mac(String(payload)).utf8), Array(parts[2].utf8)),
              let name = Self.decodeBase64URL(String(parts[0])) else { return nil }
        return String(decoding: name, as: UTF8.self)
    }

    /// The CSRF token that goes with a session (or with the open loopback mode, subject `-`).
    func csrfToken(for subject: String) -> String {
        mac("csrf|" + subject)
    }

    func checkCSRF(_ presented: String?, for subject: String) -> Bool {
        guard let presented else { return false }
        return Self.constantTimeEqual(Array(presented.utf8), Array(csrfToken(for: subject).utf8))
    }

    private func mac(_ text: String) -> String {
        Self.base64URL(Array(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key)))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map(Array.init)
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        ClientAuthenticator.constantTimeEqual(a, b)
    }
}
