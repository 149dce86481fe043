/// A credential (access token, refresh token, authorization or device code, client secret) whose
/// text never reaches a log line, an error message or a string interpolation by accident: every
/// textual rendering says `<redacted>`. Read `.exposed` only where the value goes on the wire.
public struct SecretValue: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The raw value, for request headers and token endpoint bodies only.
    public let exposed: String

    public init(_ exposed: String) {
        self.exposed = exposed
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }

    public init(from decoder: any Decoder) throws {
        exposed = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(exposed)
    }
}
