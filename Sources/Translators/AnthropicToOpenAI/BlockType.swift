/// The Anthropic content block types a translator knows.
enum BlockType {
    case text, image, document, toolUse, toolResult, thinking, redactedThinking
    /// Server-tool calls and results (`server_tool_use`, `web_search_tool_result`, …): they ran
    /// on Anthropic's side and mean nothing to another upstream.
    case serverContent

    init(_ block: JSONNode, path: String) throws(TranslationError) {
        guard block.isObject else { throw .invalidField(path: path, problem: "must be an object") }
        guard let type = block.string("type") else { throw .invalidField(path: "\(path).type", problem: "must be a string") }
        switch type {
        case "text": self = .text
        case "image": self = .image
        case "document": self = .document
        case "tool_use": self = .toolUse
        case "tool_result": self = .toolResult
        case "thinking": self = .thinking
        case "redacted_thinking": self = .redactedThinking
        case "server_tool_use", "mcp_tool_use", "mcp_tool_result", "search_result", "container_upload":
            self = .serverContent
        default:
            if type.hasSuffix("_tool_result") {
                self = .serverContent
            } else {
                throw .invalidField(path: "\(path).type", problem: "'\(type)' is not a known block type")
            }
        }
    }
}
