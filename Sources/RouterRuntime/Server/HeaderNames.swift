import HTTPTypes

/// Header names the router reads or writes, spelled once.
extension HTTPField.Name {
    static let xAPIKey = Self("x-api-key")!
    static let anthropicVersion = Self("anthropic-version")!
    static let anthropicBeta = Self("anthropic-beta")!
    static let xRouterTarget = Self("x-router-target")!
    static let xRouterAttempts = Self("x-router-attempts")!
    static let requestID = Self("request-id")!
    static let xRequestID = Self("x-request-id")!
    static let keepAlive = Self("keep-alive")!
    static let proxyConnection = Self("proxy-connection")!
    static let sessionID = Self("x-claude-code-session-id")!
}
