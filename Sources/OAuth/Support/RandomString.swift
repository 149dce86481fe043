import Crypto

/// Unguessable strings (OAuth `state`, PKCE verifiers, flow ids) from the system CSPRNG.
enum RandomString {
    /// `byteCount` random bytes, base64url encoded (32 bytes give 43 characters).
    static func make(byteCount: Int = 32) -> String {
        let key = SymmetricKey(size: SymmetricKeySize(bitCount: byteCount * 8))
        return key.withUnsafeBytes { Base64URL.encode($0) }
    }
}
