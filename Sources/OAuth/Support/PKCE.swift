import Crypto

/// A PKCE pair (RFC 7636) with the S256 method: the verifier stays with the client, the
/// challenge goes into the authorization (or device) request.
public struct PKCE: Sendable, CustomStringConvertible {
    public let verifier: SecretValue
    /// `BASE64URL(SHA256(verifier))`.
    public let challenge: String
    public let method = "S256"

    /// A fresh pair with a 43-character verifier (32 random bytes).
    public init() {
        self.init(verifier: RandomString.make(byteCount: 32))
    }

    /// The pair for a known verifier (RFC 7636 appendix B gives a test vector).
    public init(verifier: String) {
        self.verifier = SecretValue(verifier)
        challenge = PKCE.challenge(for: verifier)
    }

    public static func challenge(for verifier: String) -> String {
        Base64URL.encode(SHA256.hash(data: Array(verifier.utf8)))
    }

    public var description: String { "PKCE(S256, challenge: \(challenge))" }
}
