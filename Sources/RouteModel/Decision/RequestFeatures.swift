/// What routing rules look at in a request, extracted once by the runtime (or given on the
/// command line by `claude-router route`).
public struct RequestFeatures: Sendable {
    /// The user's latest words: text blocks of the last `user` message, without `tool_result`
    /// content and without `<system-reminder>` sections.
    public var latestUserText: String
    public var hasImage: Bool
    public var wantsThinking: Bool
    /// Tool names and server-tool types offered in the request.
    public var toolNames: [String]
    public var estimatedInputTokens: Int
    /// The client's session (`X-Claude-Code-Session-Id` or the `metadata.user_id` session).
    public var sessionID: String?

    public init(
        latestUserText: String = "", hasImage: Bool = false, wantsThinking: Bool = false,
        toolNames: [String] = [], estimatedInputTokens: Int = 0, sessionID: String? = nil
    ) {
        self.latestUserText = latestUserText
        self.hasImage = hasImage
        self.wantsThinking = wantsThinking
        self.toolNames = toolNames
        self.estimatedInputTokens = estimatedInputTokens
        self.sessionID = sessionID
    }
}

/// Removes `<system-reminder>…</system-reminder>` sections, which clients such as Claude Code
/// inject into user turns and which must not trigger keyword rules. An unclosed section runs to
/// the end of the text.
public enum SystemReminder {
    public static func strip(_ text: String) -> String {
        let open = "<system-reminder>"
        let close = "</system-reminder>"
        guard text.contains(open) else { return text }
        var result = ""
        var rest = text[...]
        while let start = rest.firstRange(of: open) {
            result += rest[..<start.lowerBound]
            let afterOpen = rest[start.upperBound...]
            guard let end = afterOpen.firstRange(of: close) else { return result }
            rest = afterOpen[end.upperBound...]
        }
        result += rest
        return result
    }
}
