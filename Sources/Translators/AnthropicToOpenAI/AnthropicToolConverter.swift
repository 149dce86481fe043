import RouteModel

/// Anthropic `tools` and `tool_choice` as OpenAI function tools.
///
/// Schemas are copied byte for byte. Server tools (`type: web_search_20250305`, `bash_…`) have no
/// OpenAI equivalent and are dropped; so is a `tool_choice` once no tool is left.
enum AnthropicToolConverter {
    static func write(_ root: JSONNode, thinkingOn: Bool, quirks: ProviderQuirks, into w: inout JSONWriter) throws(TranslationError) {
        guard let tools = root["tools"], !tools.isNull else { return }
        guard tools.isArray else { throw .invalidField(path: "tools", problem: "must be an array") }
        var functions: [JSONNode] = []
        for (n, tool) in tools.elements.enumerated() {
            guard tool.isObject else { throw .invalidField(path: "tools[\(n)]", problem: "must be an object") }
            if let type = tool.string("type"), type != "custom" { continue }
            guard let name = tool["name"], name.isString else {
                throw .invalidField(path: "tools[\(n)].name", problem: "must be a string")
            }
            if let schema = tool["input_schema"], !schema.isObject, !schema.isNull {
                throw .invalidField(path: "tools[\(n)].input_schema", problem: "must be an object")
            }
            functions.append(tool)
        }
        guard !functions.isEmpty else { return }
        w.key("tools")
        w.beginArray()
        for tool in functions {
            w.beginObject()
            w.member("type", "function")
            w.key("function")
            w.beginObject()
            if let name = tool["name"] { w.member("name", raw: name) }
            if let description = tool["description"], description.isString { w.member("description", raw: description) }
            w.key("parameters")
            if let schema = tool["input_schema"], schema.isObject {
                w.raw(schema)
            } else {
                w.rawValue(#"{"type":"object","properties":{}}"#.utf8)
            }
            w.endObject()
            w.endObject()
        }
        w.endArray()
        try writeChoice(root["tool_choice"], thinkingOn: thinkingOn, quirks: quirks, into: &w)
    }

    private static func writeChoice(_ choice: JSONNode?, thinkingOn: Bool, quirks: ProviderQuirks, into w: inout JSONWriter) throws(TranslationError) {
        guard let choice, !choice.isNull else { return }
        guard choice.isObject, let type = choice.string("type") else {
            throw .invalidField(path: "tool_choice", problem: "must be an object with a type")
        }
        if choice["disable_parallel_tool_use"]?.bool == true { w.member("parallel_tool_calls", false) }
        // DashScope with thinking on accepts only `auto`, which is also every provider's default.
        let onlyAuto = thinkingOn && quirks.thinkingForbidsToolChoice
        switch type {
        case "auto":
            w.member("tool_choice", "auto")
        case "any":
            if !onlyAuto { w.member("tool_choice", "required") }
        case "none":
            if !onlyAuto { w.member("tool_choice", "none") }
        case "tool":
            guard let name = choice["name"], name.isString else {
                throw .invalidField(path: "tool_choice.name", problem: "must be a string when type is 'tool'")
            }
            guard !onlyAuto else { return }
            w.key("tool_choice")
            w.beginObject()
            w.member("type", "function")
            w.key("function")
            w.beginObject()
            w.member("name", raw: name)
            w.endObject()
            w.endObject()
        default:
            throw .invalidField(path: "tool_choice.type", problem: "'\(type)' must be auto, any, tool or none")
        }
    }
}
