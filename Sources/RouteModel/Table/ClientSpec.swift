/// A caller allowed to use the router, identified by the SHA-256 of its key.
public struct ClientSpec: Sendable {
    public let name: String
    /// SHA-256 of the client's key, 32 bytes.
    public let keySHA256: [UInt8]
    /// Requests per minute; nil means unlimited.
    public let rpm: Int?
    /// Tokens (input + output) per minute; nil means unlimited.
    public let tpm: Int?
    /// Requests in flight at once; nil means unlimited.
    public let maxConcurrent: Int?
    /// Globs over model names the client may request.
    public let models: [Glob]
    /// Whether the client may reach the dashboard, the admin JSON endpoints, the OAuth login
    /// endpoints and every client's usage (`admin: true`).
    public let admin: Bool
    /// Daily and monthly spending limits; nil: unlimited.
    public let budget: ClientBudget?

    public init(
        name: String, keySHA256: [UInt8], rpm: Int?, tpm: Int?, maxConcurrent: Int?, models: [Glob], admin: Bool = false,
        budget: ClientBudget? = nil
    ) {
        self.name = name
        self.keySHA256 = keySHA256
        self.rpm = rpm
        self.tpm = tpm
        self.maxConcurrent = maxConcurrent
        self.models = models
        self.admin = admin
        self.budget = budget
    }

    /// Whether the client may request the inbound model name.
    public func allows(model: String) -> Bool {
        models.contains { $0.matches(model) }
    }
}
