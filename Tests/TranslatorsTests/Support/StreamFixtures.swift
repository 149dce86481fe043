@testable import Translators

/// Upstream streams used by the stream tests, as they arrive on the wire.
enum StreamFixtures {
    static func openAIFrames(_ chunks: [String], done: Bool = true) -> [UInt8] {
        var text = chunks.map { "data: \($0)\n\n" }.joined()
        if done { text += "data: [DONE]\n\n" }
        return Array(text.utf8)
    }

    static func chunk(_ delta: String, finish: String? = nil, id: String = "chatcmpl-1") -> String {
        let reason = finish.map { "\"\($0)\"" } ?? "null"
        return #"{"id":"\#(id)","object":"chat.completion.chunk","created":1,"model":"up","choices":[{"index":0,"delta":\#(delta),"finish_reason":\#(reason)}]}"#
    }

    static let usageChunk = #"{"id":"chatcmpl-1","choices":[],"usage":{"prompt_tokens":120,"completion_tokens":30,"total_tokens":150,"prompt_tokens_details":{"cached_tokens":100}}}"#

    /// Reasoning, text, then two tool calls with arguments in several pieces, usage, [DONE].
    static let openAIToolStream = openAIFrames([
        chunk(#"{"role":"assistant","content":""}"#),
        chunk(#"{"reasoning_content":"Let me "}"#),
        chunk(#"{"reasoning_content":"think."}"#),
        chunk(#"{"content":"I'll run "}"#),
        chunk(#"{"content":"it \"now\" ü."}"#),
        chunk(#"{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"Bash","arguments":""}}]}"#),
        chunk(#"{"tool_calls":[{"index":0,"function":{"arguments":"{\"command\":"}}]}"#),
        chunk(#"{"tool_calls":[{"index":0,"function":{"arguments":"\"ls\"}"}}]}"#),
        chunk(#"{"tool_calls":[{"index":1,"id":"functions.Read:1","type":"function","function":{"name":"Read","arguments":"{\"file_path\":\"/a\"}"}}]}"#),
        chunk("{}", finish: "tool_calls"),
        usageChunk,
    ])

    static func anthropicFrames(_ events: [(String, String)]) -> [UInt8] {
        Array(events.map { "event: \($0.0)\ndata: \($0.1)\n\n" }.joined().utf8)
    }

    /// Thinking, text, one tool call with streamed input, message_delta, message_stop.
    static let anthropicToolStream = anthropicFrames([
        ("message_start", #"{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude","content":[],"stop_reason":null,"usage":{"input_tokens":50,"cache_read_input_tokens":10,"output_tokens":1}}}"#),
        ("ping", #"{"type":"ping"}"#),
        ("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hmm"}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"sig"}}"#),
        ("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
        ("content_block_start", #"{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Sure \"x\"."}}"#),
        ("content_block_stop", #"{"type":"content_block_stop","index":1}"#),
        ("content_block_start", #"{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_9","name":"Bash","input":{}}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"command\":"}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"\"ls\"}"}}"#),
        ("content_block_stop", #"{"type":"content_block_stop","index":2}"#),
        ("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":42}}"#),
        ("message_stop", #"{"type":"message_stop"}"#),
    ])
}
