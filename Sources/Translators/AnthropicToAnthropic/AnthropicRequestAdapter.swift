import RouteModel

/// The Anthropic → Anthropic path for providers that speak Anthropic Messages but are not
/// Anthropic (GLM, MiniMax, Kimi, DeepSeek, DashScope endpoints): the body is forwarded as is
/// except for the few members an upstream needs changed.
///
/// - `model` becomes the upstream model id;
/// - `max_tokens` is clamped to the catalog cap;
/// - Claude Code's `x-anthropic-billing-header` system block is dropped unless the upstream is
///   Anthropic's own API;
/// - with `system_role_rejected`, `system`-role messages move into the top-level `system`;
/// - with `tool_choice_auto_none_only`, `tool_choice` any/tool becomes auto;
/// - for upstreams that verify thinking signatures (Anthropic's own API,
///   `verifies_thinking_signatures`), `thinking` blocks without a signature (another provider's
///   model made them earlier in the conversation, and the upstream would refuse them) are dropped;
///   when that leaves the tool-use turn the request answers without its leading thinking block,
///   `thinking` is switched off for this request, which Anthropic requires (a message left empty
///   gets a short note instead, as Anthropic refuses empty messages).
///
/// Every other member is copied byte for byte. When nothing but the model changes, prefer
/// ``ModelRewriter`` (it does not even re-serialise the top level).
public enum AnthropicRequestAdapter {
    private static let billingHeaderPrefix = Array("x-anthropic-billing-header".utf8)

    public static func adapt(_ body: [UInt8], context: UpstreamContext) throws(TranslationError) -> [UInt8] {
        try adaptRequest(body, context: context).body
    }

    /// ``adapt(_:context:)`` with what the response side needs to know. A body that needs
    /// nothing but its model changed keeps every other byte (``ModelRewriter``).
    static func adaptRequest(_ body: [UInt8], context: UpstreamContext) throws(TranslationError) -> TranslatedRequest {
        try adaptRequest(document: JSONDocument(body), context: context)
    }

    static func adaptRequest(document: JSONDocument, context: UpstreamContext) throws(TranslationError) -> TranslatedRequest {
        let body = document.bytes
        let root = document.root
        guard root.isObject else { throw .invalidField(path: "request body", problem: "must be a JSON object") }
        let stream = try AnthropicToOpenAIRequest.optionalBool(root, "stream") ?? false
        if !needsAdaptation(root, context: context) {
            let same = root.string("model") == context.upstreamModel
            return TranslatedRequest(body: same ? body : try ModelRewriter.rewrite(document: document, model: context.upstreamModel), stream: stream)
        }
        let quirks = context.quirks
        let messages = root["messages"]
        if let messages, !messages.isArray { throw .invalidField(path: "messages", problem: "must be an array") }
        let movedSystem: [JSONNode] = quirks.systemRoleRejected
            ? (messages?.elements.filter { $0.string("role") == "system" } ?? []) : []
        let dropsUnsignedThinking = context.verifiesThinkingSignatures
        let dropsThinkingParameter = dropsUnsignedThinking && messages.map(toolTurnLosesItsThinking) == true

        var w = JSONWriter(capacity: body.count + 64)
        w.beginObject()
        w.member("model", context.upstreamModel)
        var wroteSystem = false
        for (key, value) in root.members {
            switch key {
            case "model":
                continue
            case "max_tokens":
                w.key(key)
                if let requested = value.int { w.number(context.clampedMaxTokens(requested) ?? requested) } else { w.raw(value) }
            case "system":
                wroteSystem = true
                try writeSystem(value, moved: movedSystem, context: context, into: &w)
            case "messages" where !movedSystem.isEmpty || dropsUnsignedThinking:
                w.key(key)
                w.beginArray()
                for message in value.elements where movedSystem.isEmpty || message.string("role") != "system" {
                    writeMessage(message, dropUnsignedThinking: dropsUnsignedThinking, into: &w)
                }
                w.endArray()
            case "thinking" where dropsThinkingParameter:
                continue
            case "tool_choice" where quirks.toolChoiceAutoNoneOnly:
                let type = value.string("type")
                w.key(key)
                if type == "any" || type == "tool" { w.rawValue(#"{"type":"auto"}"#.utf8) } else { w.raw(value) }
            default:
                w.key(key)
                w.raw(value)
            }
        }
        if !wroteSystem, !movedSystem.isEmpty {
            try writeSystem(nil, moved: movedSystem, context: context, into: &w)
        }
        w.endObject()
        return TranslatedRequest(body: w.bytes, stream: stream)
    }

    /// Whether any member other than `model` must change for this upstream.
    static func needsAdaptation(_ root: JSONNode, context: UpstreamContext) -> Bool {
        let quirks = context.quirks
        if let requested = root["max_tokens"]?.int, context.clampedMaxTokens(requested) != requested { return true }
        if !context.upstreamIsAnthropicAPI, let system = root["system"], system.isArray,
           system.firstElement(where: { $0["text"]?.rawStringContent.starts(with: billingHeaderPrefix) == true }) != nil
        {
            return true
        }
        let messages = root["messages"]
        if let messages, !messages.isArray { return true }
        if quirks.systemRoleRejected, messages?.firstElement(where: { $0.string("role") == "system" }) != nil { return true }
        if quirks.toolChoiceAutoNoneOnly, let type = root["tool_choice"]?.string("type"), type == "any" || type == "tool" { return true }
        if context.verifiesThinkingSignatures,
           messages?.firstElement(where: { message in
               message.string("role") == "assistant" && message["content"]?.firstElement(where: isUnsignedThinking) != nil
           }) != nil
        {
            return true
        }
        return false
    }

    private static func writeMessage(_ message: JSONNode, dropUnsignedThinking: Bool, into w: inout JSONWriter) {
        guard dropUnsignedThinking, message.string("role") == "assistant", let content = message["content"], content.isArray,
              content.firstElement(where: isUnsignedThinking) != nil
        else {
            w.raw(message)
            return
        }
        w.beginObject()
        for (key, value) in message.members {
            w.key(key)
            guard key == "content" else {
                w.raw(value)
                continue
            }
            w.beginArray()
            var kept = 0
            for block in value.elements where !isUnsignedThinking(block) {
                w.raw(block)
                kept += 1
            }
            if kept == 0 { w.rawValue(#"{"type":"text","text":"[thinking from another model left out]"}"#.utf8) }
            w.endArray()
        }
        w.endObject()
    }

    /// Whether the assistant turn whose tool calls the last user turn answers starts with a
    /// thinking block that will be dropped and has no signed one after it: Anthropic then wants
    /// `thinking` off.
    private static func toolTurnLosesItsThinking(_ messages: JSONNode) -> Bool {
        let all = messages.elements
        guard all.count >= 2, let last = all.last, last.string("role") == "user",
              last["content"]?.firstElement(where: { $0.string("type") == "tool_result" }) != nil
        else { return false }
        let turn = all[all.count - 2]
        guard turn.string("role") == "assistant", let content = turn["content"], content.isArray,
              let first = content.elements.first, isUnsignedThinking(first)
        else { return false }
        let firstKept = content.elements.first { !isUnsignedThinking($0) }
        return !["thinking", "redacted_thinking"].contains(firstKept?.string("type") ?? "")
    }

    private static func isUnsignedThinking(_ block: JSONNode) -> Bool {
        block.string("type") == "thinking" && (block.string("signature") ?? "").isEmpty
    }

    /// The `system` member as text blocks (keeping their `cache_control`), plus the moved
    /// `system`-role messages' text.
    private static func writeSystem(
        _ system: JSONNode?, moved: [JSONNode], context: UpstreamContext, into w: inout JSONWriter
    ) throws(TranslationError) {
        w.key("system")
        w.beginArray()
        if let system {
            if system.isString {
                if !system.rawStringContent.isEmpty { textBlock(system.rawStringContent, into: &w) }
            } else if system.isArray {
                for block in system.elements {
                    if !context.upstreamIsAnthropicAPI, let text = block["text"], text.rawStringContent.starts(with: billingHeaderPrefix) {
                        continue
                    }
                    w.raw(block)
                }
            } else if !system.isNull {
                throw .invalidField(path: "system", problem: "must be a string or an array of text blocks")
            }
        }
        for message in moved {
            guard let content = message["content"] else { continue }
            if content.isString, !content.rawStringContent.isEmpty {
                textBlock(content.rawStringContent, into: &w)
            } else {
                for block in content.elements where block.string("type") == "text" {
                    if let text = block["text"], text.isString, !text.rawStringContent.isEmpty { textBlock(text.rawStringContent, into: &w) }
                }
            }
        }
        w.endArray()
    }

    private static func textBlock(_ escaped: ArraySlice<UInt8>, into w: inout JSONWriter) {
        w.beginObject()
        w.member("type", "text")
        w.key("text")
        w.string(rawEscaped: escaped)
        w.endObject()
    }
}
