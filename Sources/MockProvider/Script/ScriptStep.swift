/// One scripted behaviour, as posted to `POST /_mock/script`. Every member is optional: a step
/// without `reply`, `error`, `raw` or `reset` answers with the default reply.
struct ScriptStep: Decodable, Sendable {
    /// Which requests the step applies to; none means every request.
    var match: StepMatch?
    /// How many requests the step serves (default 1); `0` means unlimited.
    var times: Int?
    /// With `times` absent, `true` means unlimited uses.
    var sticky: Bool?
    /// Wait before the response head is sent.
    var delayMs: Int?
    /// The response status; with `error` (or on its own, 400 and above) an error body is sent.
    var status: Int?
    var error: ScriptedError?
    /// Extra response headers.
    var headers: [String: String]?
    /// A response sent exactly as given, whatever the protocol.
    var raw: RawResponse?
    /// `true`: drop the connection without any response.
    var reset: Bool?
    var reply: ScriptedReply?
    /// How a streamed reply is delivered.
    var stream: StreamOptions?
    /// Seeded random failures instead of the step's own response.
    var random: RandomFailures?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case match, times, sticky, status, error, headers, raw, reset, reply, stream, random
        case delayMs = "delay_ms"
    }

    /// The number of requests the step may serve; `nil` is unlimited.
    var allowedUses: Int? {
        switch times {
        case .some(0): return nil
        case .some(let count): return max(count, 0)
        case .none: return sticky == true ? nil : 1
        }
    }
}

/// An error the mock renders in the request's protocol format.
struct ScriptedError: Decodable, Sendable, Equatable {
    /// Anthropic error type such as `overloaded_error`; defaults from the status.
    var type: String?
    var message: String?
    /// OpenAI `code`; defaults to the type.
    var code: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case type, message, code }
}

/// A response body sent byte for byte.
struct RawResponse: Decodable, Sendable {
    var status: Int?
    var contentType: String?
    var body: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case status, body
        case contentType = "content_type"
    }
}

/// A scripted assistant turn, rendered in the request's protocol.
struct ScriptedReply: Decodable, Sendable {
    var text: String?
    var thinking: String?
    /// The thinking block's signature; a generated one when absent.
    var signature: String?
    var toolCalls: [ScriptedToolCall]?
    /// Anthropic `stop_reason` or OpenAI `finish_reason` names.
    var stopReason: String?
    var usage: ScriptedUsage?
    /// Where OpenAI replies carry thinking.
    var reasoningField: ReasoningField?
    /// How OpenAI replies identify tool calls.
    var openaiToolCallIDs: ToolCallIDStyle?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case text, thinking, signature, usage
        case toolCalls = "tool_calls"
        case stopReason = "stop_reason"
        case reasoningField = "reasoning_field"
        case openaiToolCallIDs = "openai_tool_call_ids"
    }
}

/// A tool call in a scripted reply.
struct ScriptedToolCall: Decodable, Sendable {
    var id: String?
    var name: String
    /// The tool input object; `{}` when absent.
    var input: JSONValue?

    enum CodingKeys: String, CodingKey, CaseIterable { case id, name, input }
}

/// Token counts a scripted reply reports instead of the estimates.
struct ScriptedUsage: Decodable, Sendable {
    var inputTokens: Int?
    var outputTokens: Int?
    var cacheReadInputTokens: Int?
    var cacheCreationInputTokens: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
        case cacheReadInputTokens = "cache_read_input_tokens"
        case cacheCreationInputTokens = "cache_creation_input_tokens"
    }
}

/// The message member (or inline tags) an OpenAI-protocol reply puts its thinking in, as the
/// providers in PROVIDERS.md do.
enum ReasoningField: String, Decodable, Sendable {
    /// DeepSeek, Kimi, GLM, Qwen.
    case reasoningContent = "reasoning_content"
    /// OpenRouter.
    case reasoning
    /// MiniMax: `<think>…</think>` inside `content`.
    case thinkTags = "think_tags"
}

/// How OpenAI-protocol tool calls are identified.
enum ToolCallIDStyle: String, Decodable, Sendable {
    /// The scripted or generated id.
    case standard
    /// No `id` member at all.
    case missing
    /// Kimi's `functions.<name>:<index>`.
    case kimi
}

/// Delivery of a streamed reply.
struct StreamOptions: Decodable, Sendable {
    /// Pause between events.
    var chunkDelayMs: Int?
    /// How many deltas the text (and the thinking) is split into.
    var textChunks: Int?
    /// How many deltas each tool call's arguments are split into.
    var argsChunks: Int?
    /// Send this many events (the `ping` after `message_start` counts), then close the
    /// connection without ending the response.
    var cutAfterEvents: Int?
    /// A 200 stream whose first event is this error.
    var errorFirst: ScriptedError?
    /// OpenAI: no usage chunk even when `stream_options.include_usage` asks for it.
    var omitUsage: Bool?
    /// OpenAI: no chunk carries a `finish_reason`.
    var omitFinishReason: Bool?
    /// OpenAI: no `data: [DONE]` line.
    var omitDone: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case chunkDelayMs = "chunk_delay_ms"
        case textChunks = "text_chunks"
        case argsChunks = "args_chunks"
        case cutAfterEvents = "cut_after_events"
        case errorFirst = "error_first"
        case omitUsage = "omit_usage"
        case omitFinishReason = "omit_finish_reason"
        case omitDone = "omit_done"
    }
}

/// Seeded random failures on a step: each request it serves fails with probability `rate`,
/// taking the failure steps in turn.
struct RandomFailures: Decodable, Sendable {
    var seed: UInt64?
    var rate: Double
    var failures: [ScriptStep]

    enum CodingKeys: String, CodingKey, CaseIterable { case seed, rate, failures }
}
