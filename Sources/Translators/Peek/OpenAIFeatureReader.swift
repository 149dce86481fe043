import RouteModel

/// Routing features of an OpenAI Chat Completions request.
enum OpenAIFeatureReader {
    static func read(_ root: JSONNode, into features: inout RequestFeatures, images: inout ImageTally) {
        if let messages = root["messages"] {
            var lastUser: JSONNode?
            for message in messages.elements {
                if message.string("role") == "user" { lastUser = message }
                guard let content = message["content"], content.isArray else { continue }
                for part in content.elements where part.string("type") == "image_url" {
                    images.add(dataBytes: part["image_url"]?["url"]?.raw.count ?? 0)
                }
            }
            if let content = lastUser?["content"] {
                if let text = content.stringBytes {
                    features.latestUserText = ReminderStripping.strip(text)
                } else {
                    var parts: [String] = []
                    for part in content.elements where part.string("type") == "text" {
                        guard let text = part["text"]?.stringBytes else { continue }
                        let stripped = ReminderStripping.strip(text)
                        if !stripped.isEmpty { parts.append(stripped) }
                    }
                    features.latestUserText = parts.joined(separator: "\n")
                }
            }
        }
        features.wantsThinking = wantsThinking(root)
        if let tools = root["tools"] {
            for tool in tools.elements {
                if let name = tool["function"]?.string("name") { features.toolNames.append(name) }
            }
        }
        if let userID = root["metadata"]?.string("user_id") {
            features.sessionID = SessionIdentifier.fromUserID(userID)
        }
    }

    /// `reasoning_effort` (other than none/minimal), or a provider-style switch the client sent.
    private static func wantsThinking(_ root: JSONNode) -> Bool {
        if let effort = root.string("reasoning_effort") { return effort != "none" && effort != "minimal" }
        if let type = root["thinking"]?.string("type") { return type == "enabled" || type == "adaptive" }
        return root["enable_thinking"]?.bool ?? false
    }
}
