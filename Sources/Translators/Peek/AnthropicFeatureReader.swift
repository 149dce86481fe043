import RouteModel

/// Routing features of an Anthropic Messages request.
enum AnthropicFeatureReader {
    static func read(_ root: JSONNode, into features: inout RequestFeatures, images: inout ImageTally) {
        if let messages = root["messages"] {
            var lastUser: JSONNode?
            for message in messages.elements {
                if message.string("role") == "user" { lastUser = message }
                if let content = message["content"], content.isArray { tallyImages(in: content, into: &images) }
            }
            if let lastUser, let content = lastUser["content"] {
                features.latestUserText = latestText(content)
            }
        }
        if let thinking = root["thinking"], let type = thinking.string("type") {
            features.wantsThinking = type == "enabled" || type == "adaptive"
        }
        if let tools = root["tools"] {
            for tool in tools.elements {
                if let name = tool.string("name") { features.toolNames.append(name) }
                if let type = tool.string("type"), type != "custom" {
                    let base = ServerToolType.baseName(type)
                    if !features.toolNames.contains(base) { features.toolNames.append(base) }
                }
            }
        }
        if let userID = root["metadata"]?.string("user_id") {
            features.sessionID = SessionIdentifier.fromUserID(userID)
        }
    }

    /// Text blocks of one message, each without its `<system-reminder>` sections.
    static func latestText(_ content: JSONNode) -> String {
        if let text = content.stringBytes { return ReminderStripping.strip(text) }
        var parts: [String] = []
        for block in content.elements where block.string("type") == "text" {
            guard let text = block["text"]?.stringBytes else { continue }
            let stripped = ReminderStripping.strip(text)
            if !stripped.isEmpty { parts.append(stripped) }
        }
        return parts.joined(separator: "\n")
    }

    private static func tallyImages(in blocks: JSONNode, into images: inout ImageTally) {
        for block in blocks.elements {
            switch block.string("type") {
            case "image":
                images.add(dataBytes: block["source"]?["data"]?.raw.count ?? 0)
            case "tool_result":
                if let inner = block["content"], inner.isArray { tallyImages(in: inner, into: &images) }
            default:
                break
            }
        }
    }
}
