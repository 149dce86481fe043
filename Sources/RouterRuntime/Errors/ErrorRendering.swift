import RouteModel

/// Renders an ``ErrorDescriptor`` as the caller's own error object, or as an SSE error event for
/// a stream that already started.
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

    /// A complete SSE event that ends a stream with an error, in the caller's format.
    static func streamEvent(_ error: ErrorDescriptor, format: WireProtocol, requestID: String) -> String {
        switch format {
        case .anthropic: "event: error\ndata: " + body(error, format: format, requestID: requestID) + "\n\n"
        case .openai: "data: " + body(error, format: format, requestID: requestID) + "\n\n"
        }
    }
}
