import Crypto
import HTTPTypes
import RouteModel

/// Identifies the caller from `x-api-key` or `Authorization: Bearer`, against the SHA-256 digests
/// compiled into the table.
struct ClientAuthenticator: Sendable {
    /// Who is calling: a configured client, or anyone when the table has no clients (loopback only).
    enum Identity: Sendable {
        case client(ClientSpec)
        case open

        var name: String {
            switch self {
            case .client(let spec): spec.name
            case .open: "-"
            }
        }

        /// Whose usage this caller may read: nil for everyone's (an admin, or the open loopback
        /// mode), else its own client name.
        var usageScope: String? {
            switch self {
            case .client(let spec): spec.admin ? nil : spec.name
            case .open: nil
            }
        }

        /// Whether this caller may request `model`.
        func allows(model: String) -> Bool {
            switch self {
            case .client(let spec): spec.allows(model: model)
            case .open: true
            }
        }
    }

    let clients: [ClientSpec]

    func authenticate(_ headers: HTTPFields) throws(RouterError) -> Identity {
        guard !clients.isEmpty else { return .open }
        guard let key = Self.presentedKey(headers), !key.isEmpty else {
            throw .unauthenticated(reason: "missing API key: send x-api-key or Authorization: Bearer")
        }
        let digest = Array(SHA256.hash(data: Array(key.utf8)))
        // Compare against every client so the time taken does not depend on which one matched.
        var match: ClientSpec?
        for client in clients where Self.constantTimeEqual(digest, client.keySHA256) {
            match = client
        }
        guard let match else { throw .unauthenticated(reason: "invalid API key") }
        return .client(match)
    }

    /// The key from `x-api-key`, else from `Authorization: Bearer`.
    static func presentedKey(_ headers: HTTPFields) -> String? {
        if let key = headers[.xAPIKey] { return key.trimmingSpaces() }
        guard let authorization = headers[.authorization] else { return nil }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingSpaces()
    }

    /// Equal-length byte comparison whose time depends only on the length.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
