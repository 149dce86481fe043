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
