import Foundation

/// A started device login (RFC 8628): what the user is shown, and what the client polls with.
public struct DeviceAuthorization: Sendable, CustomStringConvertible {
    /// Shown to the user; short-lived and useless without the device code, so not secret.
    public let userCode: String
    public let verificationURI: String
    /// The verification URL with the user code filled in, when the server offers one.
    public let verificationURIComplete: String?
    public let expiresAt: Date
    /// Seconds between polls, as the server asked (RFC 8628 default 5).
    public let interval: TimeInterval
    let deviceCode: SecretValue
    let pkce: PKCE?

    public var description: String { "DeviceAuthorization(user code \(userCode) at \(verificationURI))" }
}
