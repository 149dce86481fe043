/// The conditions of a step; every condition given must hold.
struct StepMatch: Decodable, Sendable {
    var wire: WireProtocol?
    /// A glob on the request's model, `*` matching any run of characters.
    var model: String?
    /// A substring of the user's latest words.
    var contains: String?
    /// Whether the latest user turn carries tool results.
    var hasToolResult: Bool?
    /// Request headers that must be present with exactly these values (names case-insensitive).
    var header: [String: String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case model, contains, header
        case wire = "protocol"
        case hasToolResult = "has_tool_result"
    }

    /// Whether `request` satisfies every condition.
    func matches(_ request: MatchSubject) -> Bool {
        if let wire, wire != request.wire { return false }
        if let model, !Glob.matches(model, request.model) { return false }
        if let contains, !request.userWords.contains(contains) { return false }
        if let hasToolResult, hasToolResult != request.hasToolResult { return false }
        if let header {
            for (name, value) in header where request.headers[name.lowercased()] != value {
                return false
            }
        }
        return true
    }
}

/// The facts of a generation request that steps match on.
struct MatchSubject: Sendable {
    var wire: WireProtocol
    var model: String
    var userWords: String
    var hasToolResult: Bool
    /// Request headers by lowercased name.
    var headers: [String: String]
}
