import RouteModel

/// Renders an ``ErrorDescriptor`` as the caller's own error object. (A stream that already
/// started ends with its translator's error event instead.)
enum ErrorRendering {
    /// `{"type":"error","error":{...},"request_id":...}` or `{"error":{...},"request_id":...}`.
    static func body(_ error: ErrorDescriptor, format: WireProtocol, requestID: String) -> String {
        switch format {
        case .anthropic:
            return #"{"type":"error","error":{"type":"# + JSONText.quote(error.anthropicType)
                + #","message":"# + JSONText.quote(error.message) + #"},"request_id":"# + JSONText.quote(requestID) + "}"
        case .openai:
            let code = error.code.map(JSONText.quote) ?? "null"
            return #"{"error":{"message":"# + JSONText.quote(error.message) + #","type":"# + JSONText.quote(error.openAIType)
                + #","code":"# + code + #"},"request_id":"# + JSONText.quote(requestID) + "}"
        }
    }

}
