import RouteModel

/// OpenAI function tools and `tool_choice` as Anthropic tools.
enum OpenAIToolConverter {
    static func write(_ root: JSONNode, quirks: ProviderQuirks, into w: inout JSONWriter) throws(TranslationError) {
        guard let tools = root["tools"], !tools.isNull else { return }
        guard tools.isArray else { throw .invalidField(path: "tools", problem: "must be an array") }
        var functions: [JSONNode] = []
        for (n, tool) in tools.elements.enumerated() {
            guard tool.isObject else { throw .invalidField(path: "tools[\(n)]", problem: "must be an object") }
            let type = tool.string("type") ?? "function"
            guard type == "function" else {
                throw .invalidField(path: "tools[\(n)].type", problem: "'\(type)' is not supported (only function tools)")
            }
            guard let function = tool["function"], function.isObject else {
                throw .invalidField(path: "tools[\(n)].function", problem: "must be an object")
            }
            guard let name = function["name"], name.isString else {
                throw .invalidField(path: "tools[\(n)].function.name", problem: "must be a string")
            }
            if let parameters = function["parameters"], !parameters.isObject, !parameters.isNull {
                throw .invalidField(path: "tools[\(n)].function.parameters", problem: "must be an object")
            }
            functions.append(function)
        }
        guard !functions.isEmpty else { return }
        w.key("tools")
        w.beginArray()
        for function in functions {
            w.beginObject()
            if let name = function["name"] { w.member("name", raw: name) }
            if let description = function["description"], description.isString { w.member("description", raw: description) }
            w.key("input_schema")
            if let parameters = function["parameters"], parameters.isObject {
                w.raw(parameters)
            } else {
                w.rawValue(#"{"type":"object","properties":{}}"#.utf8)
            }
            w.endObject()
        }
        w.endArray()
        try writeChoice(root, quirks: quirks, into: &w)
    }

    private static func writeChoice(_ root: JSONNode, quirks: ProviderQuirks, into w: inout JSONWriter) throws(TranslationError) {
        let disableParallel = root["parallel_tool_calls"]?.bool == false
        var type: String?
        var name: JSONNode?
        if let choice = root["tool_choice"], !choice.isNull {
            if let word = choice.string {
                switch word {
                case "auto": type = "auto"
                case "required": type = "any"
                case "none": type = "none"
                default: throw .invalidField(path: "tool_choice", problem: "'\(word)' must be auto, required or none")
                }
            } else if choice.isObject, let function = choice["function"], let functionName = function["name"], functionName.isString {
                type = "tool"
                name = functionName
            } else {
                throw .invalidField(path: "tool_choice", problem: "must be a string or {type: function, function: {name}}")
            }
        }
        if quirks.toolChoiceAutoNoneOnly, type == "any" || type == "tool" {
            type = "auto"
            name = nil
        }
        guard type != nil || disableParallel else { return }
        w.key("tool_choice")
        w.beginObject()
        w.member("type", type ?? "auto")
        if let name { w.member("name", raw: name) }
        if disableParallel, type != "none" { w.member("disable_parallel_tool_use", true) }
        w.endObject()
    }
}
