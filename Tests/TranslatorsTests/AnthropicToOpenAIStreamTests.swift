import Foundation
import XCTest
@testable import Translators

final class AnthropicToOpenAIStreamTests: XCTestCase {
    private func run(_ bytes: [UInt8], chunks: [Int] = [], includeUsage: Bool = true) -> [UInt8] {
        var translator = AnthropicToOpenAIStream(context: TestContexts.openAI(), includeUsage: includeUsage)
        var out: [UInt8] = []
        var start = 0
        for cut in chunks + [bytes.count] where cut >= start {
            out += translator.feed(bytes[start..<cut])
            start = cut
        }
        return out + translator.finish()
    }

    private func deltas(_ bytes: [UInt8]) -> [[String: Any]] {
        StreamOutput.events(bytes).compactMap { (($0.json?["choices"] as? [[String: Any]])?.first?["delta"]) as? [String: Any] }
    }

    func testGoldenToolStream() throws {
        let out = run(StreamFixtures.anthropicToolStream)
        XCTAssertEqual(OpenAIStreamChecker.problems(out), [])
        let events = StreamOutput.events(out)
        XCTAssertEqual(events.last?.data, "[DONE]")
        let first = try XCTUnwrap(events.first?.json)
        XCTAssertEqual(first["id"] as? String, "chatcmpl-msg_1")
        XCTAssertEqual(first["model"] as? String, "claude-sonnet-4-5")
        XCTAssertEqual(first["created"] as? Int, 1_700_000_000)
        let d = deltas(out)
        XCTAssertEqual(d.first?["role"] as? String, "assistant")
        XCTAssertEqual(d.compactMap { $0["reasoning_content"] as? String }.joined(), "hmm")
        XCTAssertEqual(d.compactMap { $0["content"] as? String }.joined(), "Sure \"x\".")
        let calls = d.compactMap { ($0["tool_calls"] as? [[String: Any]])?.first }
        XCTAssertEqual(calls.first?["id"] as? String, "toolu_9")
        XCTAssertEqual((calls.first?["function"] as? [String: Any])?["name"] as? String, "Bash")
        XCTAssertEqual(calls.compactMap { ($0["function"] as? [String: Any])?["arguments"] as? String }.joined(), #"{"command":"ls"}"#)
        XCTAssertTrue(calls.allSatisfy { $0["index"] as? Int == 0 })
        let finish = events.compactMap { ($0.json?["choices"] as? [[String: Any]])?.first?["finish_reason"] as? String }
        XCTAssertEqual(finish, ["tool_calls"])
        let usage = try XCTUnwrap(events[events.count - 2].json?["usage"] as? [String: Any])
        XCTAssertEqual(usage["prompt_tokens"] as? Int, 60)
        XCTAssertEqual(usage["completion_tokens"] as? Int, 42)
        XCTAssertEqual((usage["prompt_tokens_details"] as? [String: Any])?["cached_tokens"] as? Int, 10)
        XCTAssertFalse(run(StreamFixtures.anthropicToolStream, includeUsage: false).text.contains("\"usage\""))
    }

    func testSameOutputWhateverTheChunkBoundaries() {
        let stream = StreamFixtures.anthropicToolStream
        let whole = run(stream)
        for cut in 0...stream.count {
            XCTAssertEqual(run(stream, chunks: [cut]), whole, "split at \(cut)")
        }
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<50 {
            let cuts = (0..<6).map { _ in Int.random(in: 0...stream.count, using: &generator) }.sorted()
            XCTAssertEqual(run(stream, chunks: cuts), whole)
        }
    }

    func testErrorsAndCuts() throws {
        let overloaded = StreamFixtures.anthropicFrames([
            ("error", #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#),
        ])
        let out = run(overloaded)
        XCTAssertEqual(OpenAIStreamChecker.problems(out), [])
        let error = try XCTUnwrap(StreamOutput.events(out).last?.json?["error"] as? [String: Any])
        XCTAssertEqual(error["message"] as? String, "Overloaded")
        XCTAssertEqual(error["type"] as? String, "overloaded_error")

        let cutAt = StreamFixtures.anthropicToolStream.count / 2
        let cut = run(Array(StreamFixtures.anthropicToolStream.prefix(cutAt)))
        XCTAssertEqual(OpenAIStreamChecker.problems(cut), [])
        XCTAssertNotNil(StreamOutput.events(cut).last?.json?["error"], "a cut stream ends with an error, never a silent [DONE]")

        // message_delta seen but no message_stop: the message is complete.
        let noStop = Array(StreamFixtures.anthropicToolStream.text.replacingOccurrences(of: "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n", with: "").utf8)
        XCTAssertEqual(StreamOutput.events(run(noStop)).last?.data, "[DONE]")
    }
}
