import Foundation
import XCTest
@testable import Translators

/// No empty or whitespace-only text block reaches an Anthropic client or an Anthropic upstream:
/// Anthropic refuses them on the next request.
final class BlankTextTests: XCTestCase {
    private func streamedBlocks(_ frames: [String]) -> (types: [String], texts: [String], output: [UInt8]) {
        var translator = OpenAIToAnthropicStream(context: TestContexts.openAI())
        let out = translator.feed(StreamFixtures.openAIFrames(frames)) + translator.finish()
        let events = StreamOutput.events(out)
        let types = events.compactMap { ($0.json?["content_block"] as? [String: Any])?["type"] as? String }
        var texts: [String] = []
        for event in events {
            if event.json?["type"] as? String == "content_block_start", (event.json?["content_block"] as? [String: Any])?["type"] as? String == "text" {
                texts.append("")
            }
            if let text = (event.json?["delta"] as? [String: Any])?["text"] as? String { texts[texts.count - 1] += text }
        }
        return (types, texts, out)
    }

    private let call = #"{"tool_calls":[{"index":0,"id":"c1","function":{"name":"Bash","arguments":"{}"}}]}"#

    func testBlankTextBeforeToolCallsIsDropped() {
        let result = streamedBlocks([
            StreamFixtures.chunk(#"{"role":"assistant","content":""}"#),
            StreamFixtures.chunk(#"{"content":"\n\n"}"#),
            StreamFixtures.chunk(#"{"content":" \t"}"#),
            StreamFixtures.chunk(call, finish: "tool_calls"),
        ])
        XCTAssertEqual(AnthropicStreamChecker.problems(result.output), [])
        XCTAssertEqual(result.types, ["tool_use"])
    }

    func testHeldWhitespaceIsSentOnceRealTextFollows() {
        let result = streamedBlocks([
            StreamFixtures.chunk(#"{"content":"\n"}"#),
            StreamFixtures.chunk(#"{"content":"\u00a0"}"#),
            StreamFixtures.chunk(#"{"content":"Hi"}"#),
            StreamFixtures.chunk(#"{"content":"\n\n"}"#, finish: "stop"),
        ])
        XCTAssertEqual(result.types, ["text"])
        XCTAssertEqual(result.texts, ["\n\u{a0}Hi\n\n"], "nothing is lost once the block has real text")
    }

    func testBlankTextBetweenThinkingAndToolsAndAtTheEnd() {
        let result = streamedBlocks([
            StreamFixtures.chunk(#"{"reasoning_content":"plan"}"#),
            StreamFixtures.chunk(#"{"content":"\n\n"}"#),
            StreamFixtures.chunk(call),
            StreamFixtures.chunk(#"{"content":"  "}"#, finish: "tool_calls"),
        ])
        XCTAssertEqual(AnthropicStreamChecker.problems(result.output), [])
        XCTAssertEqual(result.types, ["thinking", "tool_use"])
        XCTAssertEqual(streamedBlocks([StreamFixtures.chunk(#"{"content":"<think>a</think>\n\n "}"#, finish: "stop")]).types, ["thinking"])
    }

    func testNonStreamingResponseDropsBlankText() throws {
        let body = #"{"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":"\n\n","tool_calls":[{"id":"c1","type":"function","function":{"name":"Bash","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}"#
        let out = try JSONTestSupport.object(OpenAIToAnthropicResponse.translate(Array(body.utf8), context: TestContexts.openAI()))
        XCTAssertEqual((out["content"] as? [[String: Any]])?.map { $0["type"] as? String }, ["tool_use"])
        let spaced = #"{"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":" \n Hi "},"finish_reason":"stop"}]}"#
        let kept = try JSONTestSupport.object(OpenAIToAnthropicResponse.translate(Array(spaced.utf8), context: TestContexts.openAI()))
        XCTAssertEqual((kept["content"] as? [[String: Any]])?.first?["text"] as? String, " \n Hi ", "text with words is untouched")
    }

    func testOpenAIAssistantBlankContentBesideToolCallsIsNotSentToAnthropic() throws {
        let request = #"{"model":"m","max_tokens":10,"messages":[{"role":"user","content":"go"},{"role":"assistant","content":"\n\n","tool_calls":[{"id":"c1","type":"function","function":{"name":"Bash","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c1","content":"ok"}]}"#
        let out = try JSONTestSupport.object(OpenAIToAnthropicRequest.translate(Array(request.utf8), context: TestContexts.openAI()).body)
        let assistant = try XCTUnwrap((out["messages"] as? [[String: Any]])?[1])
        XCTAssertEqual((assistant["content"] as? [[String: Any]])?.map { $0["type"] as? String }, ["tool_use"])
    }

    func testBlankTextDetection() {
        for blank in ["", " ", #"\n\r\t"#, #"\u00a0\u3000"#, " \\n "] { XCTAssertTrue(BlankText.isBlank(escaped: Array(blank.utf8)[...]), blank) }
        for text in ["a", #"\n."#, #"\"\""#, #"\u0041"#, "\\"] { XCTAssertFalse(BlankText.isBlank(escaped: Array(text.utf8)[...]), text) }
    }
}
