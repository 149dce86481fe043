/// An assistant turn ready to render: the scripted reply (or the default one) resolved against
/// the request, with ids, stop reason and usage filled in.
struct ReplyContent: Sendable {
    /// A tool call with its arguments already serialised.
    struct ToolCall: Sendable {
        var id: String?
        var name: String
        var argumentsJSON: String
    }

    /// Token counts, in Anthropic's terms (`inputTokens` excludes cache reads).
    struct Usage: Sendable {
        var inputTokens: Int
        var outputTokens: Int
        var cacheReadInputTokens: Int
        var cacheCreationInputTokens: Int
    }

    var model: String
    var text: String
    var thinking: String?
    var signature: String
    var toolCalls: [ToolCall]
    var stopReason: StopReason
    var usage: Usage
    var reasoningField: ReasoningField
    var toolCallIDStyle: ToolCallIDStyle
    /// The request's serial number, for message and tool-call ids.
    var serial: Int
    /// The user's words when the request asked for a web search (`enable_search`).
    var searchQuery: String?

    init(request: InboundRequest, reply: ScriptedReply?, serial: Int) {
        self.serial = serial
        searchQuery = request.enableSearch ? request.userWords : nil
        model = request.model
        text = reply?.text ?? (reply?.toolCalls?.isEmpty == false ? "" : Self.defaultText(for: request))
        thinking = reply?.thinking
        signature = reply?.signature ?? ThinkingSignatures.sign(reply?.thinking ?? "")
        toolCalls = (reply?.toolCalls ?? []).map { call in
            ToolCall(id: call.id, name: call.name, argumentsJSON: (call.input ?? .object([:])).jsonText)
        }
        stopReason = reply?.stopReason.flatMap(StopReason.init(name:)) ?? (toolCalls.isEmpty ? .endTurn : .toolUse)
        reasoningField = reply?.reasoningField ?? .reasoningContent
        toolCallIDStyle = reply?.openaiToolCallIDs ?? .standard
        let scripted = reply?.usage
        usage = Usage(
            inputTokens: scripted?.inputTokens ?? request.estimatedInputTokens,
            outputTokens: scripted?.outputTokens ?? max(1, Self.wordCount(text) + Self.wordCount(thinking ?? "")),
            cacheReadInputTokens: scripted?.cacheReadInputTokens ?? 0,
            cacheCreationInputTokens: scripted?.cacheCreationInputTokens ?? 0
        )
    }

    /// `mock reply: <the user's latest words>`.
    static func defaultText(for request: InboundRequest) -> String {
        request.userWords.isEmpty ? "mock reply:" : "mock reply: \(request.userWords)"
    }

    /// The Anthropic id of tool call `index`: scripted, else generated.
    func anthropicToolID(_ index: Int) -> String {
        toolCalls[index].id ?? "toolu_mock_\(serial)_\(index)"
    }

    /// The OpenAI id of tool call `index` in the scripted style; `nil` means no `id` member.
    func openAIToolID(_ index: Int) -> String? {
        switch toolCallIDStyle {
        case .standard: return toolCalls[index].id ?? "call_mock_\(serial)_\(index)"
        case .missing: return nil
        case .kimi: return "functions.\(toolCalls[index].name):\(index)"
        }
    }

    private static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0.isWhitespace }).count
    }
}
