import Foundation

/// A generated 2,000-event Anthropic Messages stream with the same script as
/// ``OpenAIChunkStream``: a thinking block (with its signature), a text block, a `tool_use`
/// block whose input arrives as `input_json_delta` pieces, `message_delta`, `message_stop`.
struct AnthropicEventStream {
    static let eventCount = 2_000

    let bytes: [UInt8]
    /// Each event's JSON, for the parse baseline.
    let payloads: [Data]

    static func generate() -> AnthropicEventStream {
        // message_start, three block starts and stops, the signature, message_delta, message_stop.
        let framingEvents = 10
        let argumentCount = eventCount - StreamScript.thinkingPieces - StreamScript.textPieces - framingEvents
        var events: [(name: String, data: String)] = []
        events.append(("message_start", #"{"type":"message_start","message":{"id":"msg_bench","type":"message","role":"assistant","model":"claude-opus-5-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":4000,"cache_read_input_tokens":20000,"output_tokens":1}}}"#))

        events.append(blockStart(0, #"{"type":"thinking","thinking":"","signature":""}"#))
        for i in 0..<StreamScript.thinkingPieces {
            events.append(blockDelta(0, #"{"type":"thinking_delta","thinking":"\#(StreamScript.thinking(i))"}"#))
        }
        events.append(blockDelta(0, #"{"type":"signature_delta","signature":"EqQBCkYIBRgCKkBbenchmarkSignature"}"#))
        events.append(blockStop(0))

        events.append(blockStart(1, #"{"type":"text","text":""}"#))
        for i in 0..<StreamScript.textPieces {
            events.append(blockDelta(1, #"{"type":"text_delta","text":"\#(StreamScript.text(i))"}"#))
        }
        events.append(blockStop(1))

        events.append(blockStart(2, #"{"type":"tool_use","id":"toolu_bench","name":"Bash","input":{}}"#))
        for piece in StreamScript.argumentPieces(argumentCount) {
            events.append(blockDelta(2, #"{"type":"input_json_delta","partial_json":"\#(piece)"}"#))
        }
        events.append(blockStop(2))

        events.append(("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":1998}}"#))
        events.append(("message_stop", #"{"type":"message_stop"}"#))
        precondition(events.count == eventCount, "the script adds up to \(events.count) events, not \(eventCount)")

        var body = ""
        for event in events { body += "event: \(event.name)\ndata: \(event.data)\n\n" }
        return AnthropicEventStream(bytes: Array(body.utf8), payloads: StreamPayloads.checked(events.map(\.data)))
    }

    private static func blockStart(_ index: Int, _ block: String) -> (name: String, data: String) {
        ("content_block_start", #"{"type":"content_block_start","index":\#(index),"content_block":\#(block)}"#)
    }

    private static func blockDelta(_ index: Int, _ delta: String) -> (name: String, data: String) {
        ("content_block_delta", #"{"type":"content_block_delta","index":\#(index),"delta":\#(delta)}"#)
    }

    private static func blockStop(_ index: Int) -> (name: String, data: String) {
        ("content_block_stop", #"{"type":"content_block_stop","index":\#(index)}"#)
    }
}
