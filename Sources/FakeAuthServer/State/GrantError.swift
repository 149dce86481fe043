/// An OAuth error answer: RFC 6749 §5.2 code and HTTP status.
struct GrantError: Error {
    let code: String
    var status = 400
}
