import RouteModel

/// Anthropic `system` and `messages` as OpenAI chat messages.
///
/// Text is never decoded: escaped string contents are joined and copied. Tool results become
/// `tool` messages placed right after the assistant turn that called them, as OpenAI requires;
/// what a `tool` message cannot carry (images) follows in a `user` message.
struct AnthropicMessageConverter {
    let context: UpstreamContext

    private static let billingHeaderPrefix = Array("x-anthropic-billing-header".utf8)
    private static let movedImageNote = Array("[image content is attached in the next user message]".utf8)

    init(context: UpstreamContext) {
        self.context = context
    }

    // MARK: system

    /// The leading `system` message: top-level `system`, plus the `system`-role messages when the
    /// upstream wants a single system message at the start.
    func writeSystem(_ system: JSONNode?, messages: JSONNode, into w: inout JSONWriter) throws(TranslationError) {
        var pieces: [ArraySlice<UInt8>] = []
        if let system, !system.isNull {
            if system.isString {
                pieces.append(system.rawStringContent)
            } else if system.isArray {
                for (n, block) in system.elements.enumerated() {
                    guard block.isObject, let text = block["text"], text.isString else {
                        throw .invalidField(path: "system[\(n)]", problem: "must be a text block")
                    }
                    if !context.upstreamIsAnthropicAPI, text.rawStringContent.starts(with: Self.billingHeaderPrefix) { continue }
                    pieces.append(text.rawStringContent)
                }
            } else {
                throw .invalidField(path: "system", problem: "must be a string or an array of text blocks")
            }
        }
        if context.quirks.systemRoleRejected {
            for (n, message) in messages.elements.enumerated() where message.string("role") == "system" {
                pieces.append(contentsOf: try systemText(message["content"], path: "messages[\(n)].content"))
            }
        }
        pieces.removeAll { $0.isEmpty }
        guard !pieces.isEmpty else { return }
        w.beginObject()
        w.member("role", "system")
        w.key("content")
        w.string(joining: pieces, separator: "\n\n")
        w.endObject()
    }

    private func systemText(_ content: JSONNode?, path: String) throws(TranslationError) -> [ArraySlice<UInt8>] {
        guard let content else { return [] }
        if content.isString { return [content.rawStringContent] }
        guard content.isArray else { throw .invalidField(path: path, problem: "must be a string or an array of text blocks") }
        var pieces: [ArraySlice<UInt8>] = []
        for (n, block) in content.elements.enumerated() {
            guard block.isObject, let text = block["text"], text.isString else {
                throw .invalidField(path: "\(path)[\(n)]", problem: "must be a text block")
            }
            pieces.append(text.rawStringContent)
        }
        return pieces
    }

    // MARK: messages

    func writeMessages(_ messages: JSONNode, into w: inout JSONWriter) throws(TranslationError) {
        // Tool calls of the last assistant turn not yet answered by a `tool` message.
        var pending: [String] = []
        for (n, message) in messages.elements.enumerated() {
            let path = "messages[\(n)]"
            guard message.isObject else { throw .invalidField(path: path, problem: "must be an object") }
            guard let role = message.string("role") else { throw .invalidField(path: "\(path).role", problem: "must be a string") }
            guard let content = message["content"] else { throw .invalidField(path: "\(path).content", problem: "is required") }
            guard content.isString || content.isArray else {
                throw .invalidField(path: "\(path).content", problem: "must be a string or an array of blocks")
            }
            switch role {
            case "user":
                try writeUser(content, path: "\(path).content", pending: &pending, into: &w)
            case "assistant":
                answerUnanswered(&pending, into: &w)
                pending = try writeAssistant(content, path: "\(path).content", into: &w)
            case "system":
                guard !context.quirks.systemRoleRejected else { continue }
                let pieces = try systemText(content, path: "\(path).content").filter { !$0.isEmpty }
                guard !pieces.isEmpty else { continue }
                answerUnanswered(&pending, into: &w)
                w.beginObject()
                w.member("role", "system")
                w.key("content")
                w.string(joining: pieces, separator: "\n\n")
                w.endObject()
            default:
                throw .invalidField(path: "\(path).role", problem: "'\(role)' must be user, assistant or system")
            }
        }
        answerUnanswered(&pending, into: &w)
    }

    /// OpenAI rejects a conversation in which an assistant tool call has no `tool` message
    /// before the next turn (Claude Code leaves such gaps when a tool run is interrupted), so
    /// each gap gets an explicit placeholder result.
    private func answerUnanswered(_ pending: inout [String], into w: inout JSONWriter) {
        for id in pending {
            w.beginObject()
            w.member("role", "tool")
            w.member("tool_call_id", id)
            w.member("content", Self.unansweredNote)
            w.endObject()
        }
        pending.removeAll()
    }

    private static let unansweredNote = "[no result: the tool call was not answered]"

    /// One part of an OpenAI user message.
    private enum UserPart {
        case text(ArraySlice<UInt8>)
        case image(url: [ArraySlice<UInt8>])
    }

    private func writeUser(
        _ content: JSONNode, path: String, pending: inout [String], into w: inout JSONWriter
    ) throws(TranslationError) {
        if content.isString {
            answerUnanswered(&pending, into: &w)
            w.beginObject()
            w.member("role", "user")
            w.member("content", raw: content)
            w.endObject()
            return
        }
        var parts: [UserPart] = []
        var movedImages: [UserPart] = []
        for (n, block) in content.elements.enumerated() {
            let blockPath = "\(path)[\(n)]"
            switch try BlockType(block, path: blockPath) {
            case .text:
                parts.append(.text(try textContent(block, path: blockPath)))
            case .image:
                parts.append(try image(block, path: blockPath))
            case .document:
                parts.append(.text(try documentText(block, path: blockPath)))
            case .toolResult:
                guard let id = block["tool_use_id"], let idText = id.string else {
                    throw .invalidField(path: "\(blockPath).tool_use_id", problem: "must be a string")
                }
                if let position = pending.firstIndex(of: idText) {
                    pending.remove(at: position)
                    try writeToolResult(block, path: blockPath, movedImages: &movedImages, into: &w)
                } else {
                    // A result for no open call would be rejected as a `tool` message: keep it as text.
                    // Text parts are JSON string content: the id goes in still escaped, as it came.
                    parts.append(.text((Array("[tool result ".utf8) + id.rawStringContent + Array("]".utf8))[...]))
                    parts.append(contentsOf: try toolResultText(block, path: blockPath).map { .text($0) })
                }
            case .toolUse:
                throw .invalidField(path: "\(blockPath).type", problem: "'tool_use' may appear only in assistant messages")
            case .thinking, .redactedThinking, .serverContent:
                continue
            }
        }
        answerUnanswered(&pending, into: &w)
        let all = movedImages + parts
        guard !all.isEmpty else { return }
        w.beginObject()
        w.member("role", "user")
        w.key("content")
        writeParts(all, into: &w)
        w.endObject()
    }

    /// Text only: one string (the most widely accepted shape); otherwise an array of parts.
    private func writeParts(_ parts: [UserPart], into w: inout JSONWriter) {
        var texts: [ArraySlice<UInt8>] = []
        var textOnly = true
        for part in parts {
            if case .text(let text) = part { texts.append(text) } else { textOnly = false }
        }
        if textOnly {
            w.string(joining: texts, separator: "\n")
            return
        }
        w.beginArray()
        for part in parts {
            w.beginObject()
            switch part {
            case .text(let text):
                w.member("type", "text")
                w.key("text")
                w.string(rawEscaped: text)
            case .image(let url):
                w.member("type", "image_url")
                w.key("image_url")
                w.beginObject()
                w.key("url")
                w.string(joining: url, separator: "")
                w.endObject()
            }
            w.endObject()
        }
        w.endArray()
    }

    private func writeToolResult(
        _ block: JSONNode, path: String, movedImages: inout [UserPart], into w: inout JSONWriter
    ) throws(TranslationError) {
        guard let id = block["tool_use_id"], id.isString else {
            throw .invalidField(path: "\(path).tool_use_id", problem: "must be a string")
        }
        var texts: [ArraySlice<UInt8>] = []
        var imageCount = 0
        if let content = block["content"], !content.isNull {
            if content.isString {
                texts.append(content.rawStringContent)
            } else if content.isArray {
                for (n, inner) in content.elements.enumerated() {
                    let innerPath = "\(path).content[\(n)]"
                    switch try BlockType(inner, path: innerPath) {
                    case .text:
                        texts.append(try textContent(inner, path: innerPath))
                    case .image:
                        movedImages.append(try image(inner, path: innerPath))
                        imageCount += 1
                    case .document:
                        texts.append(try documentText(inner, path: innerPath))
                    default:
                        continue
                    }
                }
            } else {
                throw .invalidField(path: "\(path).content", problem: "must be a string or an array of blocks")
            }
        }
        if imageCount > 0 { texts.append(Self.movedImageNote[...]) }
        var joined: [ArraySlice<UInt8>] = texts.filter { !$0.isEmpty }
        if block["is_error"]?.bool == true { joined.insert(Array("Error:".utf8)[...], at: 0) }
        w.beginObject()
        w.member("role", "tool")
        w.member("tool_call_id", raw: id)
        w.key("content")
        w.string(joining: joined, separator: joined.count > 1 && block["is_error"]?.bool == true ? " " : "\n")
        w.endObject()
    }

    /// Writes an assistant turn; returns the ids of its tool calls.
    private func writeAssistant(_ content: JSONNode, path: String, into w: inout JSONWriter) throws(TranslationError) -> [String] {
        if content.isString {
            w.beginObject()
            w.member("role", "assistant")
            w.member("content", raw: content)
            w.endObject()
            return []
        }
        var texts: [ArraySlice<UInt8>] = []
        var reasoning: [ArraySlice<UInt8>] = []
        var toolUses: [JSONNode] = []
        for (n, block) in content.elements.enumerated() {
            let blockPath = "\(path)[\(n)]"
            switch try BlockType(block, path: blockPath) {
            case .text:
                texts.append(try textContent(block, path: blockPath))
            case .thinking:
                if let thinking = block["thinking"], thinking.isString { reasoning.append(thinking.rawStringContent) }
            case .toolUse:
                guard block["id"]?.isString == true else { throw .invalidField(path: "\(blockPath).id", problem: "must be a string") }
                guard block["name"]?.isString == true else { throw .invalidField(path: "\(blockPath).name", problem: "must be a string") }
                if let input = block["input"], !input.isObject, !input.isNull {
                    throw .invalidField(path: "\(blockPath).input", problem: "must be an object")
                }
                toolUses.append(block)
            case .image, .document:
                // OpenAI assistant messages carry no images; say so rather than lose the turn's shape.
                texts.append(Array("[image omitted]".utf8)[...])
            case .toolResult:
                throw .invalidField(path: "\(blockPath).type", problem: "'tool_result' may appear only in user messages")
            case .redactedThinking, .serverContent:
                continue
            }
        }
        texts.removeAll { $0.isEmpty }
        guard !texts.isEmpty || !toolUses.isEmpty else { return [] }
        w.beginObject()
        w.member("role", "assistant")
        w.key("content")
        if texts.isEmpty {
            w.null()
        } else {
            w.string(joining: texts, separator: "\n")
        }
        if context.quirks.reasoningRoundtrip, !toolUses.isEmpty {
            w.key("reasoning_content")
            w.string(joining: reasoning, separator: "\n")
        }
        if !toolUses.isEmpty {
            w.key("tool_calls")
            w.beginArray()
            for tool in toolUses {
                w.beginObject()
                if let id = tool["id"] { w.member("id", raw: id) }
                w.member("type", "function")
                w.key("function")
                w.beginObject()
                if let name = tool["name"] { w.member("name", raw: name) }
                w.key("arguments")
                if let input = tool["input"], input.isObject {
                    w.string(escaping: input.raw)
                } else {
                    w.string("{}")
                }
                w.endObject()
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        return toolUses.compactMap { $0.string("id") }
    }

    // MARK: blocks

    /// The text of a `tool_result` (for one that cannot be a `tool` message).
    private func toolResultText(_ block: JSONNode, path: String) throws(TranslationError) -> [ArraySlice<UInt8>] {
        guard let content = block["content"], !content.isNull else { return [] }
        if content.isString { return [content.rawStringContent] }
        var texts: [ArraySlice<UInt8>] = []
        for (n, inner) in content.elements.enumerated() where inner.string("type") == "text" {
            texts.append(try textContent(inner, path: "\(path).content[\(n)]"))
        }
        return texts
    }

    private func textContent(_ block: JSONNode, path: String) throws(TranslationError) -> ArraySlice<UInt8> {
        guard let text = block["text"], text.isString else { throw .invalidField(path: "\(path).text", problem: "must be a string") }
        return text.rawStringContent
    }

    private func image(_ block: JSONNode, path: String) throws(TranslationError) -> UserPart {
        guard let source = block["source"], source.isObject, let type = source.string("type") else {
            throw .invalidField(path: "\(path).source", problem: "must be an object with a type")
        }
        switch type {
        case "base64":
            guard let media = source["media_type"], media.isString, let data = source["data"], data.isString else {
                throw .invalidField(path: "\(path).source", problem: "needs a string media_type and data")
            }
            return .image(url: [Array("data:".utf8)[...], media.rawStringContent, Array(";base64,".utf8)[...], data.rawStringContent])
        case "url":
            guard let url = source["url"], url.isString else { throw .invalidField(path: "\(path).source.url", problem: "must be a string") }
            return .image(url: [url.rawStringContent])
        default:
            throw .invalidField(path: "\(path).source.type", problem: "'\(type)' must be base64 or url")
        }
    }

    /// A `document` block as text: its text source when it has one, a marker otherwise (OpenAI
    /// chat has no portable PDF part).
    private func documentText(_ block: JSONNode, path: String) throws(TranslationError) -> ArraySlice<UInt8> {
        if let source = block["source"], source.string("type") == "text", let data = source["data"], data.isString {
            return data.rawStringContent
        }
        return Array("[document omitted: the upstream model cannot read it]".utf8)[...]
    }
}
