/// An OAuth error answer (RFC 6749 §5.2, RFC 8628 §3.5).
struct OAuthErrorResponse: Decodable {
    let error: String
}
