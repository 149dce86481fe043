import RouteModel

/// OpenAI `response_format` for Anthropic-protocol upstreams, which have no such field: the
/// requested schema becomes the `input_schema` of one tool the model is forced to call, and the
/// response side returns that tool's input as the message content (``StructuredOutputTool``).
///
/// | OpenAI `response_format` | Anthropic |
/// |---|---|
/// | `{type: text}` / absent | nothing |
/// | `{type: json_object}` | tool `json_response`, `input_schema: {type: object}`, forced |
/// | `{type: json_schema, json_schema: {name, schema}}` | tool `name` (else `structured_output`), `input_schema: schema`, forced |
///
/// Refused with a 400 rather than dropped: together with `tools` (forcing one tool would take
/// the client's tools away), with `reasoning_effort` (Anthropic does not force a tool while
/// thinking), on providers that cannot force a tool (`tool_choice_auto_none_only`), and for a
/// schema whose root is not an object (a tool input always is).
enum ResponseFormatConverter {
    /// The forced tool for `root`'s `response_format`, nil when none is asked for.
    static func tool(_ root: JSONNode, thinking: Bool, quirks: ProviderQuirks) throws(TranslationError) -> StructuredOutputTool? {
        guard let format = root["response_format"], !format.isNull else { return nil }
        guard format.isObject, let type = format.string("type") else {
            throw .invalidField(path: "response_format", problem: "must be an object with a type")
        }
        let tool: StructuredOutputTool
        switch type {
        case "text":
            return nil
        case "json_object":
            tool = StructuredOutputTool(name: "json_response", description: "Respond with a JSON object.", schema: nil)
        case "json_schema":
            guard let spec = format["json_schema"], spec.isObject else {
                throw .invalidField(path: "response_format.json_schema", problem: "must be an object")
            }
            var schema: JSONNode?
            if let given = spec["schema"], !given.isNull {
                guard given.isObject, given.string("type") == "object" else {
                    throw .invalidField(
                        path: "response_format.json_schema.schema",
                        problem: "must have type object for an Anthropic-protocol model (its answer is a tool input, always an object)"
                    )
                }
                schema = given
            }
            let name = spec.string("name").flatMap { isToolName($0) ? $0 : nil } ?? "structured_output"
            let description = spec.string("description") ?? "Respond with JSON matching this schema."
            tool = StructuredOutputTool(name: name, description: description, schema: schema)
        default:
            throw .invalidField(path: "response_format.type", problem: "'\(type)' must be text, json_object or json_schema")
        }
        if let tools = root["tools"], tools.isArray, !tools.elements.isEmpty {
            throw .invalidField(
                path: "response_format",
                problem: "cannot be combined with tools for an Anthropic-protocol model: the answer is returned through a forced tool"
            )
        }
        if thinking {
            throw .invalidField(
                path: "response_format",
                problem: "cannot be combined with reasoning_effort for an Anthropic-protocol model: it cannot force a tool while thinking"
            )
        }
        if quirks.toolChoiceAutoNoneOnly {
            throw .invalidField(
                path: "response_format",
                problem: "is not supported by this provider: structured output needs a forced tool, which it does not accept"
            )
        }
        return tool
    }

    /// Anthropic tool names: 1–64 of letters, digits, `_` and `-`.
    private static func isToolName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && name.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || $0 == 0x2D
        }
    }
}

/// The one tool that carries a structured answer.
struct StructuredOutputTool {
    let name: String
    let description: String
    /// The client's schema, copied byte for byte; nil for `json_object`.
    let schema: JSONNode?

    /// `tools` and a `tool_choice` forcing this tool.
    func write(into w: inout JSONWriter) {
        w.key("tools")
        w.beginArray()
        w.beginObject()
        w.member("name", name)
        w.member("description", description)
        w.key("input_schema")
        if let schema { w.raw(schema) } else { w.rawValue(#"{"type":"object"}"#.utf8) }
        w.endObject()
        w.endArray()
        w.key("tool_choice")
        w.beginObject()
        w.member("type", "tool")
        w.member("name", name)
        w.endObject()
    }
}
