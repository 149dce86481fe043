import HTTPTypes
import RouteModel

/// Which error format a caller reads, for responses that are not tied to one endpoint.
enum CallerFormat {
    /// Anthropic for `/v1/messages*` or when `anthropic-version` was sent, OpenAI otherwise.
    static func detect(path: String, headers: HTTPFields) -> WireProtocol {
        if path.hasPrefix("/v1/chat/completions") || path.hasPrefix("/chat/completions") { return .openai }
        if path.hasPrefix("/v1/messages") || headers[.anthropicVersion] != nil { return .anthropic }
        return .openai
    }
}
