import Foundation

/// An issued authorization code, valid once.
struct CodeRecord {
    let clientID: String?
    let redirectURI: String
    let challenge: String?
    let subject: String
    let expiresAt: Date
    var used = false
}

/// A device login waiting for the user.
struct DeviceRecord {
    enum Status { case pending, approved, denied, consumed }
    let userCode: String
    let challenge: String?
    let expiresAt: Date
    var interval: Double
    var status = Status.pending
    var subject = "device-user"
    var lastPoll: Date?
    var forceSlowDown = false
}

/// An issued access token.
struct AccessRecord {
    let subject: String
    /// nil: never expires (OpenRouter-style keys).
    var expiresAt: Date?
    /// When it was issued, and its place in the order of issue (for `GET /_fake/tokens`).
    var issuedAt = Date()
    var serial = 0
}

/// An issued refresh token; dead once used (rotation) or revoked.
struct RefreshRecord {
    let subject: String
    var valid = true
    var serial = 0
}

/// What a grant hands out.
struct IssuedTokens {
    let access: String
    let refresh: String?
    let expiresIn: Double
}
