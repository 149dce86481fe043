/// Upstream error bodies in the caller's format.
///
/// Anthropic: `{"type":"error","error":{"type":…,"message":…}}`; OpenAI:
/// `{"error":{"message":…,"type":…,"code":…}}`.
public enum ErrorBodyTranslator {
    /// An OpenAI error body (or any JSON) as an Anthropic error body.
    public static func anthropicError(fromOpenAIBody body: [UInt8], fallbackMessage: String) -> [UInt8] {
        if let document = try? JSONDocument(body), let error = document.root["error"], !error.isNull {
            return anthropicError(fromOpenAI: error)
        }
        return anthropicError(type: "api_error", message: fallbackMessage)
    }

    /// An Anthropic error body (or any JSON) as an OpenAI error body.
    public static func openAIError(fromAnthropicBody body: [UInt8], fallbackMessage: String) -> [UInt8] {
        if let document = try? JSONDocument(body), let error = document.root["error"], error.isObject {
            return openAIError(type: error.string("type") ?? "api_error", message: error.string("message") ?? fallbackMessage)
        }
        return openAIError(type: "api_error", message: fallbackMessage)
    }

    static func anthropicError(fromOpenAI error: JSONNode) -> [UInt8] {
        let code = error["code"].flatMap { $0.string ?? $0.int.map(String.init) }
        let message = error.string("message") ?? error.string ?? "upstream error"
        return anthropicError(type: AnthropicErrorType.from(openAIType: error.string("type"), code: code), message: message)
    }

    static func anthropicError(type: String, message: String) -> [UInt8] {
        var w = JSONWriter(capacity: 96 + message.utf8.count)
        w.beginObject()
        w.member("type", "error")
        w.key("error")
        w.beginObject()
        w.member("type", type)
        w.member("message", message)
        w.endObject()
        w.endObject()
        return w.bytes
    }

    static func openAIError(type: String, message: String) -> [UInt8] {
        var w = JSONWriter(capacity: 96 + message.utf8.count)
        w.beginObject()
        w.key("error")
        w.beginObject()
        w.member("message", message)
        w.member("type", type)
        w.key("code")
        w.null()
        w.endObject()
        w.endObject()
        return w.bytes
    }
}
