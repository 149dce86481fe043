import Foundation

/// A generated 2,000-chunk OpenAI Chat Completions stream (DeepSeek's shape: `reasoning_content`,
/// text, one tool call, `finish_reason`, a usage chunk, `[DONE]`).
struct OpenAIChunkStream {
    static let chunkCount = 2_000

    /// The SSE body, as the upstream sends it.
    let bytes: [UInt8]
    /// Each chunk's JSON, for the parse baseline.
    let payloads: [Data]

    static func generate() -> OpenAIChunkStream {
        // Every chunk that is not a content delta: the tool call's head, finish_reason, usage.
        let otherChunks = 3
        let argumentCount = chunkCount - StreamScript.thinkingPieces - StreamScript.textPieces - otherChunks
        var chunks: [String] = []
        for i in 0..<StreamScript.thinkingPieces {
            chunks.append(delta(#"{"reasoning_content":"\#(StreamScript.thinking(i))"}"#))
        }
        for i in 0..<StreamScript.textPieces {
            chunks.append(delta(#"{"content":"\#(StreamScript.text(i))"}"#))
        }
        chunks.append(delta(#"{"tool_calls":[{"index":0,"id":"call_bench","type":"function","function":{"name":"Bash","arguments":""}}]}"#))
        for piece in StreamScript.argumentPieces(argumentCount) {
            chunks.append(delta(#"{"tool_calls":[{"index":0,"function":{"arguments":"\#(piece)"}}]}"#))
        }
        chunks.append(chunk(choices: #"[{"index":0,"delta":{},"finish_reason":"tool_calls"}]"#))
        chunks.append(chunk(
            choices: "[]",
            extra: #","usage":{"prompt_tokens":24000,"completion_tokens":1998,"total_tokens":25998,"prompt_cache_hit_tokens":20000,"prompt_cache_miss_tokens":4000}"#
        ))
        precondition(chunks.count == chunkCount, "the script adds up to \(chunks.count) chunks, not \(chunkCount)")

        var body = ""
        for chunk in chunks { body += "data: \(chunk)\n\n" }
        body += "data: [DONE]\n\n"
        return OpenAIChunkStream(bytes: Array(body.utf8), payloads: StreamPayloads.checked(chunks))
    }

    private static func delta(_ delta: String) -> String {
        chunk(choices: #"[{"index":0,"delta":\#(delta),"finish_reason":null}]"#)
    }

    private static func chunk(choices: String, extra: String = "") -> String {
        #"{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1767225600,"model":"deepseek-v4-pro","choices":\#(choices)\#(extra)}"#
    }
}
