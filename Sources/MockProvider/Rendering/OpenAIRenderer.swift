/// Writes replies the way OpenAI Chat Completions does: a `chat.completion` object, or
/// `chat.completion.chunk` lines as `data: {...}` ending with `data: [DONE]`. The thinking goes
/// where the scripted provider style puts it (`reasoning_content`, `reasoning` or `<think>` tags).
enum OpenAIRenderer {
    /// The non-streaming `chat.completion` object; `created` is a Unix time in seconds.
    static func completion(_ reply: ReplyContent, created: Int) -> String {
        var message = "{\"role\":\"assistant\",\"content\":"
        let content = visibleContent(reply)
        if content.isEmpty && !reply.toolCalls.isEmpty {
            message += "null"
        } else {
            JSONText.appendQuoted(content, to: &message)
        }
        if let thinking = reply.thinking, let field = reasoningMember(reply) {
            message += ",\"\(field)\":\(JSONText.quoted(thinking))"
        }
        if !reply.toolCalls.isEmpty {
            let calls = reply.toolCalls.indices.map { index in
                "{\(toolCallMembers(reply, index, arguments: reply.toolCalls[index].argumentsJSON))}"
            }
            message += ",\"tool_calls\":[\(calls.joined(separator: ","))]"
        }
        message += "}"
        return "{\"id\":\"chatcmpl-mock-\(reply.serial)\",\"object\":\"chat.completion\",\"created\":\(created),\"model\":\(JSONText.quoted(reply.model)),\(searchInfo(reply))\"choices\":[{\"index\":0,\"message\":\(message),\"logprobs\":null,\"finish_reason\":\"\(reply.stopReason.openAIName)\"}],\"usage\":\(usage(reply.usage))}"
    }

    /// The `data:` lines of a streamed reply. The usage chunk comes only when the request set
    /// `stream_options.include_usage`, as with the real API.
    static func chunks(_ reply: ReplyContent, created: Int, includeUsage: Bool, options: StreamOptions?) -> [String] {
        let prefix = "{\"id\":\"chatcmpl-mock-\(reply.serial)\",\"object\":\"chat.completion.chunk\",\"created\":\(created),\"model\":\(JSONText.quoted(reply.model)),\"choices\":["
        // With include_usage the real API sends `"usage":null` on every chunk but the last.
        let suffix = includeUsage ? "],\"usage\":null}" : "]}"
        func choice(_ delta: String, finishReason: String = "null") -> String {
            "data: \(prefix){\"index\":0,\"delta\":\(delta),\"logprobs\":null,\"finish_reason\":\(finishReason)}\(suffix)\n\n"
        }

        var lines = [choice("{\"role\":\"assistant\",\"content\":\"\"}")]
        if reply.searchQuery != nil {
            // DashScope sends the sources first, in a chunk of their own.
            lines.append("data: {\"id\":\"chatcmpl-mock-\(reply.serial)\",\"object\":\"chat.completion.chunk\",\(searchInfo(reply))\"choices\":[]}\n\n")
        }
        let textChunks = options?.textChunks ?? 1
        if let thinking = reply.thinking {
            if let field = reasoningMember(reply) {
                for piece in TextSplitter.pieces(of: thinking, count: textChunks) {
                    lines.append(choice("{\"\(field)\":\(JSONText.quoted(String(piece)))}"))
                }
            }
        }
        for piece in TextSplitter.pieces(of: visibleContent(reply), count: textChunks) {
            lines.append(choice("{\"content\":\(JSONText.quoted(String(piece)))}"))
        }
        for index in reply.toolCalls.indices {
            // A call's first chunk names it; the following ones carry only argument pieces.
            lines.append(choice("{\"tool_calls\":[{\"index\":\(index),\(toolCallMembers(reply, index, arguments: ""))}]}"))
            for piece in TextSplitter.pieces(of: reply.toolCalls[index].argumentsJSON, count: options?.argsChunks ?? 1) {
                lines.append(choice("{\"tool_calls\":[{\"index\":\(index),\"function\":{\"arguments\":\(JSONText.quoted(String(piece)))}}]}"))
            }
        }
        if options?.omitFinishReason != true {
            lines.append(choice("{}", finishReason: "\"\(reply.stopReason.openAIName)\""))
        }
        if includeUsage && options?.omitUsage != true {
            lines.append("data: \(prefix)],\"usage\":\(usage(reply.usage))}\n\n")
        }
        if options?.omitDone != true {
            lines.append(doneLine)
        }
        return lines
    }

    static let doneLine = "data: [DONE]\n\n"

    /// `"search_info":{...},` with two sources named after the query, when the request searched.
    private static func searchInfo(_ reply: ReplyContent) -> String {
        guard let query = reply.searchQuery else { return "" }
        let results = (1...2).map { n in
            "{\"index\":\(n),\"title\":\(JSONText.quoted("Mock result \(n) for \(query)")),\"url\":\"https://search.mock.example/\(n)\",\"site_name\":\"mock\",\"icon\":\"\"}"
        }
        return "\"search_info\":{\"search_results\":[\(results.joined(separator: ","))]},"
    }

    /// The `data:` line carrying an error object, as OpenAI-style upstreams send inside a 200.
    static func errorLine(_ error: ErrorBody) -> String {
        "data: \(error.json(for: .openai))\n\n"
    }

    /// `content` as sent: the text, with the thinking inline when the style is `think_tags`.
    private static func visibleContent(_ reply: ReplyContent) -> String {
        guard reply.reasoningField == .thinkTags, let thinking = reply.thinking else { return reply.text }
        return "<think>\(thinking)</think>\(reply.text)"
    }

    /// The message member that carries thinking; `nil` when it travels inside `content`.
    private static func reasoningMember(_ reply: ReplyContent) -> String? {
        switch reply.reasoningField {
        case .reasoningContent: return "reasoning_content"
        case .reasoning: return "reasoning"
        case .thinkTags: return nil
        }
    }

    /// The members of tool call `index` that name it: id (unless the style omits it), type and
    /// function name, with `arguments`.
    private static func toolCallMembers(_ reply: ReplyContent, _ index: Int, arguments: String) -> String {
        var out = ""
        if let id = reply.openAIToolID(index) {
            out += "\"id\":\(JSONText.quoted(id)),"
        }
        out += "\"type\":\"function\",\"function\":{\"name\":\(JSONText.quoted(reply.toolCalls[index].name)),\"arguments\":\(JSONText.quoted(arguments))}"
        return out
    }

    /// OpenAI usage: `prompt_tokens` includes cached tokens, which are also reported apart.
    private static func usage(_ usage: ReplyContent.Usage) -> String {
        let prompt = usage.inputTokens + usage.cacheReadInputTokens + usage.cacheCreationInputTokens
        return "{\"prompt_tokens\":\(prompt),\"completion_tokens\":\(usage.outputTokens),\"total_tokens\":\(prompt + usage.outputTokens),\"prompt_tokens_details\":{\"cached_tokens\":\(usage.cacheReadInputTokens)}}"
    }
}
