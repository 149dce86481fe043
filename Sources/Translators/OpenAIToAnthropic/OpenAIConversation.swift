import RouteModel

/// OpenAI chat messages regrouped as Anthropic wants them: the system text apart, then
/// alternating turns with consecutive same-role messages merged and `tool` messages folded into
/// the `user` turn as `tool_result` blocks.
struct OpenAIConversation {
    enum Block {
        /// Escaped string content copied from the request.
        case text(ArraySlice<UInt8>)
        case image(mediaType: [UInt8], data: [UInt8])
        case imageURL(ArraySlice<UInt8>)
        /// `id` is already normalised (``ToolCallID``), as is a result's `id`.
        case toolUse(id: String, name: ArraySlice<UInt8>, input: [UInt8])
        case toolResult(id: String, text: [ArraySlice<UInt8>])
        case thinking(ArraySlice<UInt8>)
    }

    struct Turn {
        var role: String
        var blocks: [Block]
    }

    private(set) var system: [ArraySlice<UInt8>] = []
    private(set) var turns: [Turn] = []
    private let context: UpstreamContext
    private var toolOrdinal = 0

    init(_ messages: JSONNode, context: UpstreamContext) throws(TranslationError) {
        self.context = context
        var leading = true
        for (n, message) in messages.elements.enumerated() {
            let path = "messages[\(n)]"
            guard message.isObject else { throw .invalidField(path: path, problem: "must be an object") }
            guard let role = message.string("role") else { throw .invalidField(path: "\(path).role", problem: "must be a string") }
            let content = message["content"]
            switch role {
            case "system", "developer":
                let text = try Self.texts(content, path: "\(path).content")
                if leading || context.quirks.systemRoleRejected {
                    system.append(contentsOf: text)
                } else if !text.isEmpty {
                    turns.append(Turn(role: "system", blocks: text.map { .text($0) }))
                }
                continue
            case "user":
                append("user", try userBlocks(content, path: "\(path).content"))
            case "assistant":
                append("assistant", try assistantBlocks(message, path: path))
            case "tool":
                guard let id = message["tool_call_id"], id.isString else {
                    throw .invalidField(path: "\(path).tool_call_id", problem: "must be a string")
                }
                let text = try Self.texts(content, path: "\(path).content")
                append("user", [.toolResult(id: ToolCallID.normalized(id.string, messageID: "call", ordinal: 0), text: text)])
            default:
                throw .invalidField(path: "\(path).role", problem: "'\(role)' must be system, developer, user, assistant or tool")
            }
            leading = false
        }
        repairToolPairing()
    }

    /// Anthropic rejects a `tool_use` without a `tool_result` in the very next user turn, and a
    /// `tool_result` that answers no `tool_use` there. Missing results get a placeholder; stray
    /// results become text.
    private mutating func repairToolPairing() {
        var repaired: [Turn] = []
        var open: [String] = []
        for var turn in turns {
            if turn.role == "user" {
                var blocks: [Block] = []
                for block in turn.blocks {
                    guard case .toolResult(let id, let text) = block else {
                        blocks.append(block)
                        continue
                    }
                    if let position = open.firstIndex(of: id) {
                        open.remove(at: position)
                        blocks.append(block)
                    } else {
                        blocks.append(.text(Array("[tool result \(id)]".utf8)[...]))
                        blocks.append(contentsOf: text.map { .text($0) })
                    }
                }
                turn.blocks = open.map { .toolResult(id: $0, text: [Self.unansweredNote[...]]) } + blocks
                open.removeAll()
                repaired.append(turn)
                continue
            }
            if !open.isEmpty {
                repaired.append(Turn(role: "user", blocks: open.map { .toolResult(id: $0, text: [Self.unansweredNote[...]]) }))
                open.removeAll()
            }
            if turn.role == "assistant" {
                open = turn.blocks.compactMap { if case .toolUse(let id, _, _) = $0 { id } else { nil } }
            }
            repaired.append(turn)
        }
        if !open.isEmpty {
            repaired.append(Turn(role: "user", blocks: open.map { .toolResult(id: $0, text: [Self.unansweredNote[...]]) }))
        }
        turns = repaired
    }

    private static let unansweredNote = Array("[no result: the tool call was not answered]".utf8)

    private mutating func append(_ role: String, _ blocks: [Block]) {
        guard !blocks.isEmpty else { return }
        if let last = turns.indices.last, turns[last].role == role {
            turns[last].blocks.append(contentsOf: blocks)
        } else {
            turns.append(Turn(role: role, blocks: blocks))
        }
    }

    /// Text of a content string or of its `text` parts, escaped, empty pieces dropped.
    private static func texts(_ content: JSONNode?, path: String) throws(TranslationError) -> [ArraySlice<UInt8>] {
        guard let content, !content.isNull else { return [] }
        if content.isString { return content.rawStringContent.isEmpty ? [] : [content.rawStringContent] }
        guard content.isArray else { throw .invalidField(path: path, problem: "must be a string or an array of parts") }
        var pieces: [ArraySlice<UInt8>] = []
        for (n, part) in content.elements.enumerated() {
            guard part.isObject else { throw .invalidField(path: "\(path)[\(n)]", problem: "must be an object") }
            guard part.string("type") == "text" else { continue }
            guard let text = part["text"], text.isString else { throw .invalidField(path: "\(path)[\(n)].text", problem: "must be a string") }
            if !text.rawStringContent.isEmpty { pieces.append(text.rawStringContent) }
        }
        return pieces
    }

    private func userBlocks(_ content: JSONNode?, path: String) throws(TranslationError) -> [Block] {
        guard let content, !content.isNull else { return [] }
        if content.isString { return content.rawStringContent.isEmpty ? [] : [.text(content.rawStringContent)] }
        guard content.isArray else { throw .invalidField(path: path, problem: "must be a string or an array of parts") }
        var blocks: [Block] = []
        for (n, part) in content.elements.enumerated() {
            let partPath = "\(path)[\(n)]"
            guard part.isObject, let type = part.string("type") else {
                throw .invalidField(path: partPath, problem: "must be an object with a type")
            }
            switch type {
            case "text":
                guard let text = part["text"], text.isString else { throw .invalidField(path: "\(partPath).text", problem: "must be a string") }
                if !text.rawStringContent.isEmpty { blocks.append(.text(text.rawStringContent)) }
            case "image_url":
                let urlNode = part["image_url"]?["url"] ?? part["image_url"]
                guard let urlNode, let url = urlNode.stringBytes else {
                    throw .invalidField(path: "\(partPath).image_url.url", problem: "must be a string")
                }
                blocks.append(Self.image(url: url, escaped: urlNode.rawStringContent))
            default:
                throw .invalidField(path: "\(partPath).type", problem: "'\(type)' is not a known content part type")
            }
        }
        return blocks
    }

    /// `data:<media>;base64,<data>` becomes a base64 source, anything else a URL source.
    private static func image(url: [UInt8], escaped: ArraySlice<UInt8>) -> Block {
        let prefix = Array("data:".utf8)
        let marker = Array(";base64,".utf8)
        guard url.starts(with: prefix), let markerStart = firstRange(of: marker, in: url) else { return .imageURL(escaped) }
        return .image(mediaType: Array(url[prefix.count..<markerStart]), data: Array(url[(markerStart + marker.count)...]))
    }

    private static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }

    private mutating func assistantBlocks(_ message: JSONNode, path: String) throws(TranslationError) -> [Block] {
        var blocks: [Block] = []
        // An upstream that verifies signatures would refuse unsigned thinking: none is sent to it.
        if context.quirks.reasoningRoundtrip, !context.verifiesThinkingSignatures, let reasoning = message["reasoning_content"], reasoning.isString,
           !reasoning.rawStringContent.isEmpty
        {
            blocks.append(.thinking(reasoning.rawStringContent))
        }
        // Blank text (often sent beside tool calls) would be refused by Anthropic: left out.
        let texts = try Self.texts(message["content"], path: "\(path).content").filter { !BlankText.isBlank(escaped: $0) }
        blocks.append(contentsOf: texts.map { .text($0) })
        if let calls = message["tool_calls"], !calls.isNull {
            guard calls.isArray else { throw .invalidField(path: "\(path).tool_calls", problem: "must be an array") }
            for (n, call) in calls.elements.enumerated() {
                let callPath = "\(path).tool_calls[\(n)]"
                guard call.isObject, let function = call["function"], function.isObject else {
                    throw .invalidField(path: "\(callPath).function", problem: "must be an object")
                }
                guard let name = function["name"], name.isString else {
                    throw .invalidField(path: "\(callPath).function.name", problem: "must be a string")
                }
                let arguments = function["arguments"]?.stringBytes ?? []
                let id = ToolCallID.normalized(call["id"]?.string, messageID: "call", ordinal: toolOrdinal)
                blocks.append(.toolUse(id: id, name: name.rawStringContent, input: ToolArguments.inputObject(arguments)))
                toolOrdinal += 1
            }
        }
        return blocks
    }

    // MARK: writing

    func writeSystem(into w: inout JSONWriter) {
        guard !system.isEmpty else { return }
        w.key("system")
        w.string(joining: system, separator: "\n\n")
    }

    func writeTurns(into w: inout JSONWriter) {
        w.beginArray()
        for turn in turns {
            w.beginObject()
            w.member("role", turn.role)
            w.key("content")
            if turn.role == "system" {
                w.string(joining: turn.blocks.compactMap { if case .text(let t) = $0 { t } else { nil } }, separator: "\n\n")
                w.endObject()
                continue
            }
            w.beginArray()
            // Anthropic wants a user turn's tool results before anything else in it.
            let ordered = turn.blocks.filter(\.isToolResult) + turn.blocks.filter { !$0.isToolResult }
            for block in ordered { write(block, into: &w) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
    }

    private func write(_ block: Block, into w: inout JSONWriter) {
        w.beginObject()
        switch block {
        case .text(let text):
            w.member("type", "text")
            w.key("text")
            w.string(rawEscaped: text)
        case .image(let mediaType, let data):
            w.member("type", "image")
            w.key("source")
            w.beginObject()
            w.member("type", "base64")
            w.key("media_type")
            w.string(escaping: mediaType)
            w.key("data")
            w.string(escaping: data)
            w.endObject()
        case .imageURL(let url):
            w.member("type", "image")
            w.key("source")
            w.beginObject()
            w.member("type", "url")
            w.key("url")
            w.string(rawEscaped: url)
            w.endObject()
        case .toolUse(let id, let name, let input):
            w.member("type", "tool_use")
            w.member("id", id)
            w.key("name")
            w.string(rawEscaped: name)
            w.key("input")
            w.rawValue(input)
        case .toolResult(let id, let text):
            w.member("type", "tool_result")
            w.member("tool_use_id", id)
            w.key("content")
            w.string(joining: text, separator: "\n")
        case .thinking(let text):
            w.member("type", "thinking")
            w.key("thinking")
            w.string(rawEscaped: text)
            w.member("signature", "")
        }
        w.endObject()
    }
}

extension OpenAIConversation.Block {
    var isToolResult: Bool {
        if case .toolResult = self { return true }
        return false
    }
}
