import Foundation
import XCTest
@testable import Translators

/// `stop_reason` / `finish_reason` describe what the client received, streamed or not, in both
/// directions: tool_use exactly with tool calls, stop_sequence with the matched string.
final class StopReasonTests: XCTestCase {
    private func streamed(_ frames: [String]) -> (reason: String?, sequence: Any?, output: [UInt8]) {
        var translator = OpenAIToAnthropicStream(context: TestContexts.openAI())
        let out = translator.feed(StreamFixtures.openAIFrames(frames)) + translator.finish()
        let delta = StreamOutput.events(out).first { $0.json?["type"] as? String == "message_delta" }?.json?["delta"] as? [String: Any]
        return (delta?["stop_reason"] as? String, delta?["stop_sequence"] ?? nil, out)
    }

    private func whole(_ choice: String) throws -> [String: Any] {
        let body = #"{"id":"c","choices":[\#(choice)],"usage":{"prompt_tokens":3,"completion_tokens":1}}"#
        return try JSONTestSupport.object(OpenAIToAnthropicResponse.translate(Array(body.utf8), context: TestContexts.openAI()))
    }

    func testToolCallsFinishWithoutToolCallsIsEndTurn() throws {
        let stream = streamed([StreamFixtures.chunk(#"{"content":"done"}"#, finish: "tool_calls")])
        XCTAssertEqual(AnthropicStreamChecker.problems(stream.output), [])
        XCTAssertEqual(stream.reason, "end_turn")
        let response = try whole(#"{"index":0,"message":{"role":"assistant","content":"done"},"finish_reason":"tool_calls"}"#)
        XCTAssertEqual(response["stop_reason"] as? String, "end_turn")
    }

    func testToolCallsWithStopFinishAreToolUse() throws {
        let call = #"{"tool_calls":[{"index":0,"id":"c1","function":{"name":"Bash","arguments":"{}"}}]}"#
        XCTAssertEqual(streamed([StreamFixtures.chunk(call, finish: "stop")]).reason, "tool_use")
        let response = try whole(#"{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"Bash","arguments":"{}"}}]},"finish_reason":"stop"}"#)
        XCTAssertEqual(response["stop_reason"] as? String, "tool_use")
    }

    func testMatchedStopStringBecomesStopSequence() throws {
        // vLLM: choices[].stop_reason is the matched stop string (or a token id, which is no stop string).
        let vllm = #"{"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"stop","stop_reason":"</answer>"}]}"#
        let stream = streamed([StreamFixtures.chunk(#"{"content":"42"}"#), vllm])
        XCTAssertEqual(AnthropicStreamChecker.problems(stream.output), [])
        XCTAssertEqual(stream.reason, "stop_sequence")
        XCTAssertEqual(stream.sequence as? String, "</answer>")
        let tokenID = #"{"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"stop","stop_reason":128001}]}"#
        XCTAssertEqual(streamed([StreamFixtures.chunk(#"{"content":"42"}"#), tokenID]).reason, "end_turn")
        XCTAssertTrue(streamed([StreamFixtures.chunk(#"{"content":"42"}"#), tokenID]).sequence is NSNull)

        let response = try whole(#"{"index":0,"message":{"role":"assistant","content":"42"},"finish_reason":"stop","stop_reason":"</answer>"}"#)
        XCTAssertEqual(response["stop_reason"] as? String, "stop_sequence")
        XCTAssertEqual(response["stop_sequence"] as? String, "</answer>")
        // SGLang names it matched_stop.
        let sglang = try whole(#"{"index":0,"message":{"role":"assistant","content":"42"},"finish_reason":"stop","matched_stop":"END"}"#)
        XCTAssertEqual(sglang["stop_sequence"] as? String, "END")
        // max_tokens and refusal stay what they are.
        let length = try whole(#"{"index":0,"message":{"role":"assistant","content":"4"},"finish_reason":"length","stop_reason":null}"#)
        XCTAssertEqual(length["stop_reason"] as? String, "max_tokens")
        XCTAssertTrue(length["stop_sequence"] is NSNull)
        XCTAssertEqual(streamed([StreamFixtures.chunk(#"{"content":"x"}"#, finish: "content_filter")]).reason, "refusal")
    }

    func testAnthropicStopReasonsToOpenAIFollowTheToolCalls() throws {
        // An Anthropic upstream that says tool_use without a tool_use block, and one that says end_turn after one.
        let noTools = #"{"id":"m","type":"message","role":"assistant","content":[{"type":"text","text":"hi"}],"stop_reason":"tool_use","usage":{"input_tokens":1,"output_tokens":1}}"#
        let noToolsOut = try JSONTestSupport.object(AnthropicToOpenAIResponse.translate(Array(noTools.utf8), context: TestContexts.openAI()))
        XCTAssertEqual((noToolsOut["choices"] as? [[String: Any]])?.first?["finish_reason"] as? String, "stop")
        let tools = #"{"id":"m","type":"message","role":"assistant","content":[{"type":"tool_use","id":"t","name":"B","input":{}}],"stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":1}}"#
        let toolsOut = try JSONTestSupport.object(AnthropicToOpenAIResponse.translate(Array(tools.utf8), context: TestContexts.openAI()))
        XCTAssertEqual((toolsOut["choices"] as? [[String: Any]])?.first?["finish_reason"] as? String, "tool_calls")
        let stopSequence = #"{"id":"m","type":"message","role":"assistant","content":[{"type":"text","text":"hi"}],"stop_reason":"stop_sequence","stop_sequence":"X","usage":{"input_tokens":1,"output_tokens":1}}"#
        let stopOut = try JSONTestSupport.object(AnthropicToOpenAIResponse.translate(Array(stopSequence.utf8), context: TestContexts.openAI()))
        XCTAssertEqual((stopOut["choices"] as? [[String: Any]])?.first?["finish_reason"] as? String, "stop")

        func streamedFinish(_ events: [(String, String)]) -> String? {
            var translator = AnthropicToOpenAIStream(context: TestContexts.openAI(), includeUsage: false)
            let out = translator.feed(StreamFixtures.anthropicFrames(events)) + translator.finish()
            XCTAssertEqual(OpenAIStreamChecker.problems(out), [])
            return StreamOutput.events(out).compactMap { (($0.json?["choices"] as? [[String: Any]])?.first?["finish_reason"]) as? String }.last
        }
        let start = ("message_start", #"{"type":"message_start","message":{"id":"m","usage":{"input_tokens":1,"output_tokens":0}}}"#)
        let stop = ("message_stop", #"{"type":"message_stop"}"#)
        XCTAssertEqual(streamedFinish([
            start,
            ("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
            ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"hi"}}"#),
            ("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
            ("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":1}}"#), stop,
        ]), "stop")
        XCTAssertEqual(streamedFinish(Array(StreamOutput.events(StreamFixtures.anthropicToolStream).map { ($0.name ?? "", $0.data) }
            .map { $0.1.contains("\"tool_use\",\"stop_sequence\"") ? ($0.0, $0.1.replacingOccurrences(of: "\"tool_use\"", with: "\"end_turn\"")) : $0 })),
            "tool_calls")
    }
}
