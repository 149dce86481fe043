import Foundation
import XCTest
@testable import Translators

final class OpenAIToAnthropicStreamTests: XCTestCase {
    private func run(_ bytes: [UInt8], chunks: [Int] = []) -> [UInt8] {
        var translator = OpenAIToAnthropicStream(context: TestContexts.openAI(), estimatedInputTokens: 7)
        var out: [UInt8] = []
        var start = 0
        for cut in chunks + [bytes.count] where cut >= start {
            out += translator.feed(bytes[start..<cut])
            start = cut
        }
        return out + translator.finish()
    }

    private func types(_ bytes: [UInt8]) -> [String] {
        StreamOutput.events(bytes).map { event in
            let type = event.json?["type"] as? String ?? "?"
            if let delta = event.json?["delta"] as? [String: Any], let deltaType = delta["type"] as? String { return "\(type):\(deltaType)" }
            if let block = event.json?["content_block"] as? [String: Any], let blockType = block["type"] as? String { return "\(type):\(blockType)" }
            return type
        }
    }

    func testGoldenToolStream() throws {
        let out = run(StreamFixtures.openAIToolStream)
        XCTAssertEqual(AnthropicStreamChecker.problems(out), [])
        XCTAssertEqual(types(out), [
            "message_start",
            "content_block_start:thinking", "content_block_delta:thinking_delta", "content_block_delta:thinking_delta", "content_block_stop",
            "content_block_start:text", "content_block_delta:text_delta", "content_block_delta:text_delta", "content_block_stop",
            "content_block_start:tool_use", "content_block_delta:input_json_delta", "content_block_stop",
            "content_block_start:tool_use", "content_block_delta:input_json_delta", "content_block_stop",
            "message_delta", "message_stop",
        ])
        let events = StreamOutput.events(out)
        let start = try XCTUnwrap(events[0].json?["message"] as? [String: Any])
        XCTAssertEqual(start["model"] as? String, "claude-sonnet-4-5", "the inbound model is echoed")
        XCTAssertEqual(start["id"] as? String, "msg_chatcmpl-1")
        let texts = events.compactMap { ($0.json?["delta"] as? [String: Any])?["text"] as? String }
        XCTAssertEqual(texts.joined(), "I'll run it \"now\" ü.")
        let tools = events.compactMap { $0.json?["content_block"] as? [String: Any] }.filter { $0["type"] as? String == "tool_use" }
        XCTAssertEqual(tools.map { $0["id"] as? String }, ["call_a", "functions_Read_1"])
        XCTAssertEqual(tools.map { $0["name"] as? String }, ["Bash", "Read"])
        let inputs = events.compactMap { ($0.json?["delta"] as? [String: Any])?["partial_json"] as? String }
        XCTAssertEqual(inputs, [#"{"command":"ls"}"#, #"{"file_path":"/a"}"#])
        let delta = try XCTUnwrap(events[events.count - 2].json)
        XCTAssertEqual((delta["delta"] as? [String: Any])?["stop_reason"] as? String, "tool_use")
        XCTAssertEqual(delta["usage"] as? NSDictionary,
                       ["input_tokens": 20, "output_tokens": 30, "cache_read_input_tokens": 100, "cache_creation_input_tokens": 0] as NSDictionary)
    }

    func testSameOutputWhateverTheChunkBoundaries() {
        let streams = [
            StreamFixtures.openAIToolStream,
            Array(StreamFixtures.openAIToolStream.text.replacingOccurrences(of: "\n", with: "\r\n").utf8),
            Array(StreamFixtures.openAIToolStream.text.replacingOccurrences(of: "\n", with: "\r").utf8),
            StreamFixtures.openAIFrames([StreamFixtures.chunk(#"{"content":"<think>a</th"}"#), StreamFixtures.chunk(#"{"content":"ink>\n\nb"}"#, finish: "stop")]),
        ]
        for stream in streams {
            let whole = run(stream)
            XCTAssertEqual(AnthropicStreamChecker.problems(whole), [])
            for cut in 0...stream.count {
                XCTAssertEqual(run(stream, chunks: [cut]), whole, "split at \(cut)")
            }
            var generator = SeededGenerator(seed: 42)
            for _ in 0..<50 {
                let cuts = (0..<5).map { _ in Int.random(in: 0...stream.count, using: &generator) }.sorted()
                XCTAssertEqual(run(stream, chunks: cuts), whole)
            }
            let byteByByte = Array(0...stream.count)
            XCTAssertEqual(run(stream, chunks: byteByByte), whole)
        }
    }

    func testThinkTagsBecomeThinkingBeforeText() {
        let out = run(StreamFixtures.openAIFrames([
            StreamFixtures.chunk(#"{"content":"\n<thi"}"#),
            StreamFixtures.chunk(#"{"content":"nk>step one"}"#),
            StreamFixtures.chunk(#"{"content":" done</think>\n\nAnswer"}"#),
            StreamFixtures.chunk(#"{"content":" here <think>literal</think>"}"#, finish: "stop"),
        ]))
        XCTAssertEqual(AnthropicStreamChecker.problems(out), [])
        let events = StreamOutput.events(out)
        let thinking = events.compactMap { ($0.json?["delta"] as? [String: Any])?["thinking"] as? String }.joined()
        let text = events.compactMap { ($0.json?["delta"] as? [String: Any])?["text"] as? String }.joined()
        XCTAssertEqual(thinking, "step one done")
        XCTAssertEqual(text, "Answer here <think>literal</think>", "only a leading think section counts")
    }

    func testWellFormedWithoutUsageFinishReasonOrDone() {
        let bare = StreamFixtures.openAIFrames([#"{"choices":[{"delta":{"content":"hi"}}]}"#], done: false)
        let out = run(bare)
        XCTAssertEqual(AnthropicStreamChecker.problems(out), [])
        XCTAssertEqual(types(out).suffix(2), ["message_delta", "message_stop"])
        let delta = StreamOutput.events(out).first { $0.json?["type"] as? String == "message_delta" }?.json
        XCTAssertEqual((delta?["delta"] as? [String: Any])?["stop_reason"] as? String, "end_turn")
        XCTAssertEqual((delta?["usage"] as? [String: Any])?["input_tokens"] as? Int, 7, "the estimate stands in for missing usage")
        XCTAssertEqual(types(run(Array("data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}".utf8))).suffix(1), ["message_stop"],
                       "a last event without its blank line still counts")
    }

    func testNullUsageOnEveryChunkAsOpenAISendsIt() throws {
        let frames = [
            #"{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"usage":null}"#,
            #"{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"reasoning":"r"},"logprobs":null,"finish_reason":null}],"usage":null}"#,
            #"{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"t"},"logprobs":null,"finish_reason":"stop"}],"usage":null}"#,
            #"{"id":"c","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}}"#,
        ]
        let out = run(StreamFixtures.openAIFrames(frames))
        XCTAssertEqual(AnthropicStreamChecker.problems(out), [])
        XCTAssertEqual(types(out), ["message_start", "content_block_start:thinking", "content_block_delta:thinking_delta", "content_block_stop",
                                    "content_block_start:text", "content_block_delta:text_delta", "content_block_stop", "message_delta", "message_stop"])
        let delta = try XCTUnwrap(StreamOutput.events(out).first { $0.json?["type"] as? String == "message_delta" }?.json)
        XCTAssertEqual((delta["usage"] as? [String: Any])?["input_tokens"] as? Int, 9)
        XCTAssertEqual((delta["usage"] as? [String: Any])?["output_tokens"] as? Int, 2)
    }

    func testFinishReasonsMap() {
        // tool_calls without any tool call is end_turn: the stop reason follows the content.
        for (reason, expected) in [("stop", "end_turn"), ("length", "max_tokens"), ("content_filter", "refusal"), ("tool_calls", "end_turn")] {
            let out = run(StreamFixtures.openAIFrames([StreamFixtures.chunk(#"{"content":"x"}"#, finish: reason)]))
            let delta = StreamOutput.events(out).first { $0.json?["type"] as? String == "message_delta" }?.json
            XCTAssertEqual((delta?["delta"] as? [String: Any])?["stop_reason"] as? String, expected, reason)
        }
    }

    func testToolCallVariants() throws {
        // Arguments in one chunk without id; invalid JSON; an index reused with a new id; Kimi usage in the choice.
        let out = run(StreamFixtures.openAIFrames([
            StreamFixtures.chunk(#"{"tool_calls":[{"index":0,"function":{"name":"Write","arguments":"{\"a\":1}"}}]}"#),
            StreamFixtures.chunk(#"{"tool_calls":[{"index":1,"id":"c2","function":{"name":"Bash","arguments":"{not json"}}]}"#),
            StreamFixtures.chunk(#"{"tool_calls":[{"index":1,"id":"c3","function":{"name":"Grep","arguments":"\"{\\\"p\\\":2}\""}}]}"#),
            #"{"id":"chatcmpl-1","choices":[{"index":0,"delta":{},"finish_reason":"stop","usage":{"prompt_tokens":10,"completion_tokens":3,"cached_tokens":4}}]}"#,
        ]))
        XCTAssertEqual(AnthropicStreamChecker.problems(out), [])
        let events = StreamOutput.events(out)
        let tools = events.compactMap { $0.json?["content_block"] as? [String: Any] }
        XCTAssertEqual(tools.map { $0["id"] as? String }, ["toolu_chatcmpl-1_0", "c2", "c3"], "a stable id is generated when none is sent")
        let inputs = events.compactMap { ($0.json?["delta"] as? [String: Any])?["partial_json"] as? String }
        XCTAssertEqual(inputs, [#"{"a":1}"#, #"{"raw":"{not json"}"#, #"{"p":2}"#])
        let delta = try XCTUnwrap(events.first { $0.json?["type"] as? String == "message_delta" }?.json)
        XCTAssertEqual((delta["delta"] as? [String: Any])?["stop_reason"] as? String, "tool_use", "tool calls make it tool_use")
        XCTAssertEqual((delta["usage"] as? [String: Any])?["cache_read_input_tokens"] as? Int, 4)
        XCTAssertEqual((delta["usage"] as? [String: Any])?["input_tokens"] as? Int, 6)
    }

    func testUpstreamErrorsAndCutsBecomeErrorEvents() throws {
        let errorFirst = run(Array(#"data: {"error":{"message":"Rate limit reached","type":"rate_limit_exceeded","code":"429"}}"#.utf8 + [10, 10]))
        XCTAssertEqual(types(errorFirst), ["error"])
        let error = try XCTUnwrap(StreamOutput.events(errorFirst).first?.json?["error"] as? [String: Any])
        XCTAssertEqual(error["type"] as? String, "rate_limit_error")
        XCTAssertEqual(error["message"] as? String, "Rate limit reached")

        let cut = StreamFixtures.openAIFrames([StreamFixtures.chunk(#"{"content":"partial"}"#)], done: false) + Array(#"data: {"id":"chatcmpl-1","cho"#.utf8)
        let cutOut = run(cut)
        XCTAssertEqual(AnthropicStreamChecker.problems(cutOut), [])
        XCTAssertEqual(types(cutOut).last, "error")

        var translator = OpenAIToAnthropicStream(context: TestContexts.openAI())
        let partial = translator.feed(StreamFixtures.openAIFrames([StreamFixtures.chunk(#"{"content":"a"}"#)], done: false))
        let failed = partial + translator.fail("upstream connection lost")
        XCTAssertEqual(types(failed).last, "error")
        XCTAssertTrue(translator.emittedContent)
        XCTAssertEqual(translator.upstreamError, "upstream connection lost")
        XCTAssertEqual(translator.feed(Array("data: [DONE]\n\n".utf8)), [], "nothing after the end")
        XCTAssertEqual(types(run([])), ["error"], "an empty upstream is a failure")
    }
}
