import RouteModel
@testable import Translators
import XCTest

/// An upstream event past `SSEParser.maxEventBytes` ends the client's stream with an error
/// event in the client's format; it is neither buffered without bound nor silently dropped.
final class OversizedEventTests: XCTestCase {
    private func feedHugeEvent(from upstream: WireProtocol, to client: WireProtocol, opening: String) -> String {
        var translator = StreamTranslator(from: upstream, to: client, context: TestContexts.openAI())
        var out = translator.feed(Array(opening.utf8))
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20)
        out += translator.feed(Array("data: {\"x\":\"".utf8))
        for _ in 0..<17 where !translator.isFinished { out += translator.feed(piece) }
        XCTAssertTrue(translator.isFinished, "\(upstream) → \(client): the stream did not end")
        XCTAssertNotNil(translator.upstreamError)
        out += translator.feed(Array("\"}\n\n".utf8)) + translator.finish()
        XCTAssertLessThan(out.count, 1 << 20, "the oversized event was forwarded")
        return out.text
    }

    func testEveryPairEndsWithAnErrorEvent() {
        let openAIStart = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"hi\"}}]}\n\n"
        let anthropicStart = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":0}}}\n\n"
        let toAnthropic = feedHugeEvent(from: .openai, to: .anthropic, opening: openAIStart)
        XCTAssertTrue(toAnthropic.contains("event: error") && toAnthropic.contains("16 MiB"), toAnthropic)
        let toOpenAI = feedHugeEvent(from: .anthropic, to: .openai, opening: anthropicStart)
        XCTAssertTrue(toOpenAI.contains(#"data: {"error""#) && toOpenAI.contains("16 MiB"), toOpenAI)
        let passthrough = feedHugeEvent(from: .anthropic, to: .anthropic, opening: anthropicStart)
        XCTAssertTrue(passthrough.hasPrefix("event: message_start"), passthrough)
        XCTAssertTrue(passthrough.contains("event: error") && passthrough.contains("16 MiB"), passthrough)
        let openAIPassthrough = feedHugeEvent(from: .openai, to: .openai, opening: openAIStart)
        XCTAssertTrue(openAIPassthrough.contains("16 MiB"), openAIPassthrough)
    }

    func testTheParserSkipsTheRestOfTheOversizedEvent() {
        var parser = SSEParser()
        _ = parser.feed(Array("data: ".utf8) + [UInt8](repeating: 0x61, count: SSEParser.maxEventBytes + 10))
        XCTAssertTrue(parser.overflowed)
        let after = parser.feed(Array("aaaa\ndata: tail-of-the-big-one\n\ndata: next\n\n".utf8))
        XCTAssertEqual(after, [SSEEvent(name: nil, data: Array("next".utf8))])
    }
}
