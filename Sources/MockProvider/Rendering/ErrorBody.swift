/// An error as each protocol writes it: Anthropic `{"type":"error","error":{"type","message"}}`,
/// OpenAI `{"error":{"message","type","param","code"}}`.
struct ErrorBody: Sendable {
    var status: Int
    var type: String
    var message: String
    var code: String

    /// Fills what `error` leaves out from `status` and `wire`.
    init(status: Int, error: ScriptedError, wire: WireProtocol) {
        self.status = status
        let type = error.type ?? (wire == .anthropic
            ? ErrorCatalog.anthropicType(forStatus: status)
            : ErrorCatalog.openAIType(forStatus: status))
        self.type = type
        self.message = error.message ?? "mock \(type) (status \(status))"
        self.code = error.code ?? type
    }

    /// The JSON error object of `wire`.
    func json(for wire: WireProtocol) -> String {
        switch wire {
        case .anthropic:
            return "{\"type\":\"error\",\"error\":{\"type\":\(JSONText.quoted(type)),\"message\":\(JSONText.quoted(message))}}"
        case .openai:
            return "{\"error\":{\"message\":\(JSONText.quoted(message)),\"type\":\(JSONText.quoted(type)),\"param\":null,\"code\":\(JSONText.quoted(code))}}"
        }
    }
}
