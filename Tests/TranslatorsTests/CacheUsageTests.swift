import Foundation
import XCTest
@testable import Translators

/// Every spelling of cached-token counts lands in the right usage field once, streamed or not,
/// in both directions; `cache_control` reaches Anthropic-protocol upstreams untouched.
final class CacheUsageTests: XCTestCase {
    private func anthropicUsage(_ usage: String) throws -> NSDictionary {
        let body = #"{"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],"usage":\#(usage)}"#
        let out = try JSONTestSupport.object(OpenAIToAnthropicResponse.translate(Array(body.utf8), context: TestContexts.openAI()))
        return try XCTUnwrap(out["usage"] as? NSDictionary)
    }

    private func streamedUsage(_ usage: String) throws -> NSDictionary {
        var translator = OpenAIToAnthropicStream(context: TestContexts.openAI())
        let out = translator.feed(StreamFixtures.openAIFrames([
            StreamFixtures.chunk(#"{"content":"hi"}"#, finish: "stop"), #"{"id":"c","choices":[],"usage":\#(usage)}"#,
        ])) + translator.finish()
        let delta = StreamOutput.events(out).first { $0.json?["type"] as? String == "message_delta" }?.json
        return try XCTUnwrap(delta?["usage"] as? NSDictionary)
    }

    private func expected(input: Int, read: Int, write: Int = 0) -> NSDictionary {
        ["input_tokens": input, "output_tokens": 5, "cache_read_input_tokens": read, "cache_creation_input_tokens": write]
    }

    func testEveryCachedTokenSpellingFromOpenAIUpstreams() throws {
        let cases: [(String, NSDictionary)] = [
            (#"{"prompt_tokens":100,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":60}}"#, expected(input: 40, read: 60)),
            // DeepSeek: hit + miss = prompt; details may say 0 beside a real hit.
            (#"{"prompt_tokens":100,"completion_tokens":5,"prompt_cache_hit_tokens":70,"prompt_cache_miss_tokens":30,"prompt_tokens_details":{"cached_tokens":0}}"#,
             expected(input: 30, read: 70)),
            (#"{"prompt_tokens":100,"completion_tokens":5,"cached_tokens":10}"#, expected(input: 90, read: 10)),
            // A gateway relaying Claude, prompt_tokens counting everything.
            (#"{"prompt_tokens":100,"completion_tokens":5,"cache_read_input_tokens":50,"cache_creation_input_tokens":20}"#, expected(input: 30, read: 50, write: 20)),
            // OpenRouter's cache writes.
            (#"{"prompt_tokens":100,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":0,"cache_write_tokens":80}}"#, expected(input: 20, read: 0, write: 80)),
            // prompt_tokens that already leaves the cache out is not reduced again.
            (#"{"prompt_tokens":10,"completion_tokens":5,"cache_read_input_tokens":500}"#, expected(input: 10, read: 500)),
            // Both spellings of the same reads count once.
            (#"{"prompt_tokens":100,"completion_tokens":5,"prompt_cache_hit_tokens":60,"prompt_tokens_details":{"cached_tokens":60}}"#, expected(input: 40, read: 60)),
        ]
        for (usage, want) in cases {
            XCTAssertEqual(try anthropicUsage(usage), want, usage)
            XCTAssertEqual(try streamedUsage(usage), want, usage)
            let body = #"{"choices":[],"usage":\#(usage)}"#
            let logged = try XCTUnwrap(TokenUsage.read(response: Array(body.utf8), protocol: .openai))
            XCTAssertEqual([logged.inputTokens, logged.cacheReadTokens, logged.cacheWriteTokens],
                           [want["input_tokens"], want["cache_read_input_tokens"], want["cache_creation_input_tokens"]].map { $0 as? Int ?? -1 }, usage)
        }
    }

    func testAnthropicCacheCountsToOpenAIClients() throws {
        let body = #"{"id":"m","type":"message","role":"assistant","content":[{"type":"text","text":"hi"}],"stop_reason":"end_turn","usage":{"input_tokens":10,"cache_read_input_tokens":300,"cache_creation_input_tokens":50,"output_tokens":5}}"#
        let out = try JSONTestSupport.object(AnthropicToOpenAIResponse.translate(Array(body.utf8), context: TestContexts.openAI()))
        let usage = try XCTUnwrap(out["usage"] as? [String: Any])
        XCTAssertEqual(usage["prompt_tokens"] as? Int, 360, "OpenAI's prompt_tokens counts every input token")
        XCTAssertEqual((usage["prompt_tokens_details"] as? [String: Any])?["cached_tokens"] as? Int, 300)
        let logged = try XCTUnwrap(TokenUsage.read(response: Array(body.utf8), protocol: .anthropic))
        XCTAssertEqual(logged, TokenUsage(inputTokens: 10, outputTokens: 5, cacheReadTokens: 300, cacheWriteTokens: 50))

        // Streamed: message_start has the cache counts, message_delta repeats them (newer API); counted once.
        var translator = AnthropicToOpenAIStream(context: TestContexts.openAI(), includeUsage: true)
        let stream = translator.feed(StreamFixtures.anthropicFrames([
            ("message_start", #"{"type":"message_start","message":{"id":"m","usage":{"input_tokens":10,"cache_read_input_tokens":300,"cache_creation_input_tokens":50,"output_tokens":1}}}"#),
            ("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
            ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"hi"}}"#),
            ("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
            ("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"input_tokens":10,"cache_read_input_tokens":300,"cache_creation_input_tokens":50,"output_tokens":5}}"#),
            ("message_stop", #"{"type":"message_stop"}"#),
        ])) + translator.finish()
        let usageChunk = try XCTUnwrap(StreamOutput.events(stream).compactMap { $0.json?["usage"] as? [String: Any] }.last)
        XCTAssertEqual(usageChunk["prompt_tokens"] as? Int, 360)
        XCTAssertEqual((usageChunk["prompt_tokens_details"] as? [String: Any])?["cached_tokens"] as? Int, 300)
        XCTAssertEqual(translator.tokenUsage, TokenUsage(inputTokens: 10, outputTokens: 5, cacheReadTokens: 300, cacheWriteTokens: 50))
    }

    func testCacheControlPassesThroughToAnthropicUpstreamsUntouched() throws {
        let control = #""cache_control":{"type":"ephemeral","ttl":"1h"}"#
        let request = """
        {"model":"claude-x","max_tokens":99999,"system":[{"type":"text","text":"x-anthropic-billing-header: cc"},{"type":"text","text":"sys",\(control)}],\
        "messages":[{"role":"system","content":"moved"},{"role":"user","content":[{"type":"text","text":"hi",\(control)}]},\
        {"role":"assistant","content":[{"type":"thinking","thinking":"t"},{"type":"text","text":"a",\(control)}]}],\
        "tools":[{"name":"B","input_schema":{"type":"object"},\(control)}]}
        """
        for flags in [["system_role_rejected"], ["keep_billing_header"]] {
            let context = TestContexts.openAI(flags, maxOutputTokens: 1_000)
            let out = try AnthropicRequestAdapter.adapt(Array(request.utf8), context: context).text
            XCTAssertEqual(out.components(separatedBy: control).count - 1, 4, "\(flags): \(out)")
            let parsed = try JSONTestSupport.object(Array(out.utf8))
            XCTAssertEqual(parsed["max_tokens"] as? Int, 1_000, "the body was adapted, not just passed on")
        }
    }
}
