import Foundation
import RouteModel
import XCTest
@testable import Translators

final class FacadeTests: XCTestCase {
    private let context = TestContexts.openAI(["system_role_rejected"])

    func testRequestTranslatorPicksThePath() throws {
        let anthropic = try Fixtures.capture("02-bash-tool-loop-turn2").body
        let toOpenAI = try RequestTranslator.translate(anthropic, from: .anthropic, to: .openai, context: context)
        XCTAssertEqual(toOpenAI.body, try AnthropicToOpenAIRequest.translate(anthropic, context: context).body)
        XCTAssertTrue(toOpenAI.stream)
        let same = try RequestTranslator.translate(anthropic, from: .anthropic, to: .anthropic, context: context)
        XCTAssertEqual(same.body, try AnthropicRequestAdapter.adapt(anthropic, context: context))
        XCTAssertTrue(same.stream)

        let openAI = Array(#"{"model":"gpt","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}}"#.utf8)
        let passthrough = try RequestTranslator.translate(openAI, from: .openai, to: .openai, context: context)
        XCTAssertEqual(passthrough.body.text, #"{"model":"up-model","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}}"#)
        XCTAssertTrue(passthrough.includeUsage)
        let toAnthropic = try RequestTranslator.translate(openAI, from: .openai, to: .anthropic, context: context)
        XCTAssertTrue(toAnthropic.includeUsage)
        XCTAssertEqual(try JSONTestSupport.object(toAnthropic.body)["model"] as? String, "up-model")
    }

    /// An OpenAI client's stream without `include_usage`: the upstream is asked for usage (the
    /// usage log needs it) and the client never sees the usage-only chunk it did not ask for.
    func testUsageIsAskedForAndItsChunkLeftOutWhenTheClientDidNotAsk() throws {
        let openAI = Array(#"{"model":"gpt","stream":true,"messages":[{"role":"user","content":"hi"}]}"#.utf8)
        let asked = try RequestTranslator.translate(openAI, from: .openai, to: .openai, context: context)
        XCTAssertEqual(asked.body.text, #"{"stream_options":{"include_usage":true},"model":"up-model","stream":true,"messages":[{"role":"user","content":"hi"}]}"#)
        XCTAssertTrue(asked.dropsUsageChunks)
        XCTAssertFalse(asked.includeUsage)
        let local = TestContexts.openAI(["no_stream_options"])
        let refused = try RequestTranslator.translate(openAI, from: .openai, to: .openai, context: local)
        XCTAssertFalse(refused.dropsUsageChunks)
        XCTAssertFalse(refused.body.text.contains("stream_options"))
        let notStreaming = try RequestTranslator.translate(Array(#"{"model":"gpt","messages":[]}"#.utf8), from: .openai, to: .openai, context: context)
        XCTAssertFalse(notStreaming.dropsUsageChunks)

        let upstream = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n"
            + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
            + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"prompt_tokens_details\":{\"cached_tokens\":2}}}\n\n"
            + "data: [DONE]\n\n"
        let bytes = Array(upstream.utf8)
        for split in stride(from: 1, to: bytes.count, by: 7) {
            var stream = StreamTranslator(from: .openai, to: .openai, context: context, dropsUsageChunks: true)
            let out = stream.feed(bytes[..<split]) + stream.feed(bytes[split...]) + stream.finish()
            XCTAssertEqual(out.text, upstream.replacingOccurrences(of: "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"prompt_tokens_details\":{\"cached_tokens\":2}}}\n\n", with: ""), "split \(split)")
            XCTAssertEqual(stream.tokenUsage, TokenUsage(inputTokens: 10, outputTokens: 3, cacheReadTokens: 2))
            XCTAssertNil(stream.upstreamError)
        }
    }

    func testResponseTranslatorEchoesTheClientModelOnSameFormat() throws {
        let body = Array(#"{"id":"msg_1","model":"glm-4.6","content":[{"type":"text","text":"x"}]}"#.utf8)
        XCTAssertEqual(try ResponseTranslator.translate(body, from: .anthropic, to: .anthropic, context: context).text,
                       #"{"id":"msg_1","model":"claude-sonnet-4-5","content":[{"type":"text","text":"x"}]}"#)
        let openAI = try JSONTestSupport.object(ResponseTranslator.translate(body, from: .anthropic, to: .openai, context: context))
        XCTAssertEqual(openAI["object"] as? String, "chat.completion")
    }

    func testStreamTranslatorCrossFormatMatchesTheTranslators() {
        var facade = StreamTranslator(from: .openai, to: .anthropic, context: context, estimatedInputTokens: 3)
        var direct = OpenAIToAnthropicStream(context: context, estimatedInputTokens: 3)
        XCTAssertEqual(facade.feed(StreamFixtures.openAIToolStream) + facade.finish(),
                       direct.feed(StreamFixtures.openAIToolStream) + direct.finish())
        XCTAssertTrue(facade.isFinished)
        var toOpenAI = StreamTranslator(from: .anthropic, to: .openai, context: context, includeUsage: true)
        XCTAssertEqual(OpenAIStreamChecker.problems(toOpenAI.feed(StreamFixtures.anthropicToolStream) + toOpenAI.finish()), [])
    }

    func testPassthroughForwardsBytesAndStillEndsCutStreamsWithAnError() {
        let stream = StreamFixtures.anthropicToolStream
        var whole = StreamTranslator(from: .anthropic, to: .anthropic, context: context)
        XCTAssertEqual(whole.feed(stream) + whole.finish(), stream, "a complete stream passes unchanged")
        XCTAssertNil(whole.upstreamError)

        // Cut mid-event: the whole events go through, the partial one does not, an error ends it.
        var cut = StreamTranslator(from: .anthropic, to: .anthropic, context: context)
        let half = Array(stream.prefix(stream.count / 2))
        let wholeEvents = Self.throughLastEvent(half)
        XCTAssertLessThan(wholeEvents.count, half.count, "the cut lands inside an event")
        let out = cut.feed(half) + cut.finish()
        XCTAssertEqual(Array(out.prefix(wholeEvents.count)), wholeEvents)
        XCTAssertEqual(StreamOutput.events(Array(out.suffix(from: wholeEvents.count))).map { $0.json?["type"] as? String }, ["error"])
        XCTAssertNotNil(cut.upstreamError)

        var overloaded = StreamTranslator(from: .anthropic, to: .anthropic, context: context)
        _ = overloaded.feed(StreamFixtures.anthropicFrames([("error", #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)]))
        XCTAssertEqual(overloaded.upstreamError, "Overloaded")
        XCTAssertFalse(overloaded.emittedContent, "an error as the first frame leaves room for fallback")
        XCTAssertEqual(overloaded.finish(), [])

        var openAI = StreamTranslator(from: .openai, to: .openai, context: context)
        let openAIPrefix = Array(StreamFixtures.openAIToolStream.prefix(300))
        let openAIWhole = Self.throughLastEvent(openAIPrefix)
        let openAIOut = openAI.feed(openAIPrefix) + openAI.fail("connection reset")
        XCTAssertEqual(Array(openAIOut.prefix(openAIWhole.count)), openAIWhole)
        XCTAssertEqual(OpenAIStreamChecker.problems(Array(openAIOut.suffix(from: openAIWhole.count))), [])
        XCTAssertTrue(openAI.emittedContent)
    }

    /// `bytes` up to and including the last blank line (`\n\n`) that ends an event.
    private static func throughLastEvent(_ bytes: [UInt8]) -> [UInt8] {
        var end = 0
        for index in bytes.indices.dropFirst() where bytes[index] == 0x0A && bytes[index - 1] == 0x0A { end = index + 1 }
        return Array(bytes.prefix(end))
    }
}
