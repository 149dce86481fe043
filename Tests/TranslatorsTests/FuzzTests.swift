import Foundation
import RouteModel
import XCTest
@testable import Translators

/// Seeded random and mutated inputs into every translator: nothing may crash or hang, errors
/// are ``TranslationError``s, and whatever comes out is well formed. Over 100k cases in all.
final class FuzzTests: XCTestCase {
    private let contexts = [
        TestContexts.openAI(),
        TestContexts.openAI(
            ["reasoning_roundtrip", "system_role_rejected", "tool_choice_auto_none_only", "accepts_user", "prompt_cache_key",
             "max_completion_tokens", "thinking_forbids_tool_choice", "thinking_requires_stream", "top_p_below_one",
             "temperature_open_unit", "reasoning_split", "tool_stream"],
            thinking: .enableThinking, maxOutputTokens: 1_000),
    ]

    private static let requestSeeds: [[UInt8]] = [
        #"{"model":"m","max_tokens":100,"system":[{"type":"text","text":"s"}],"messages":[{"role":"user","content":[{"type":"text","text":"hi"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AA=="}}]},{"role":"assistant","content":[{"type":"thinking","thinking":"t"},{"type":"tool_use","id":"t1","name":"B","input":{"c":1}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"r"}],"is_error":true}]}],"tools":[{"name":"B","input_schema":{"type":"object"}}],"tool_choice":{"type":"tool","name":"B"},"thinking":{"type":"enabled","budget_tokens":2000},"stream":true,"temperature":0.5,"top_p":1,"stop_sequences":["x"],"metadata":{"user_id":"u"}}"#,
        #"{"model":"gpt","messages":[{"role":"system","content":"s"},{"role":"user","content":[{"type":"text","text":"a"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AA=="}}]},{"role":"assistant","content":null,"reasoning_content":"r","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}}]},{"role":"tool","tool_call_id":"c1","content":"ok"}],"tools":[{"type":"function","function":{"name":"f","parameters":{}}}],"tool_choice":"required","parallel_tool_calls":false,"reasoning_effort":"low","max_tokens":5000,"stop":["a"],"user":"u","stream":true,"stream_options":{"include_usage":true}}"#,
    ].map { Array($0.utf8) }

    private static let responseSeeds: [[UInt8]] = [
        #"{"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":"<think>a</think>b","reasoning_content":"r","tool_calls":[{"id":"x","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":3,"completion_tokens":1}}"#,
        #"{"id":"m","type":"message","content":[{"type":"text","text":"a"},{"type":"thinking","thinking":"t"},{"type":"tool_use","id":"t","name":"n","input":{"a":[1]}}],"stop_reason":"tool_use","usage":{"input_tokens":1,"output_tokens":2}}"#,
    ].map { Array($0.utf8) }

    func testRequestTranslatorsSurviveArbitraryInput() {
        var generator = SeededGenerator(seed: 2026)
        var cases = 0
        for round in 0..<30_000 {
            let input = round % 3 == 0
                ? RandomInput.bytes(using: &generator)
                : RandomInput.mutate(Self.requestSeeds[round % 2], using: &generator)
            let context = contexts[round % 2]
            check(try AnthropicToOpenAIRequest.translate(input, context: context).body, "A→O request", input)
            check(try OpenAIToAnthropicRequest.translate(input, context: context).body, "O→A request", input)
            check(try AnthropicRequestAdapter.adapt(input, context: context), "adapter", input)
            check(try ModelRewriter.rewrite(input, model: "m\u{e9}\""), "rewriter", input)
            _ = try? RequestPeek.parse(input, protocol: round % 2 == 0 ? .anthropic : .openai)
            cases += 5
        }
        for round in 0..<4_000 {
            let input = RandomInput.structured(using: &generator)
            check(try AnthropicToOpenAIRequest.translate(input, context: contexts[round % 2]).body, "A→O request", input)
            check(try OpenAIToAnthropicRequest.translate(input, context: contexts[round % 2]).body, "O→A request", input)
            cases += 2
        }
        XCTAssertGreaterThanOrEqual(cases, 150_000)
    }

    func testResponseTranslatorsSurviveArbitraryInput() {
        var generator = SeededGenerator(seed: 7)
        for round in 0..<10_000 {
            let input = round % 3 == 0 ? RandomInput.bytes(using: &generator) : RandomInput.mutate(Self.responseSeeds[round % 2], using: &generator)
            check(try OpenAIToAnthropicResponse.translate(input, context: contexts[0]), "O→A response", input)
            check(try AnthropicToOpenAIResponse.translate(input, context: contexts[0]), "A→O response", input)
        }
    }

    private static func lastRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return stride(from: haystack.count - needle.count, through: 0, by: -1).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    func testStreamTranslatorsAlwaysEndWellFormed() {
        var generator = SeededGenerator(seed: 11)
        let openAIFrames = StreamOutput.events(StreamFixtures.openAIToolStream).map { "data: \($0.data)\n\n" }
        let anthropicFrames = StreamOutput.events(StreamFixtures.anthropicToolStream).map { "event: \($0.name ?? "")\ndata: \($0.data)\n\n" }
        for round in 0..<6_000 {
            let openAIInput = streamInput(openAIFrames, round: round, using: &generator)
            var toAnthropic = OpenAIToAnthropicStream(context: contexts[round % 2])
            let anthropicOut = feedInPieces(openAIInput, using: &generator) { toAnthropic.feed($0) } + toAnthropic.finish()
            let problems = AnthropicStreamChecker.problems(anthropicOut)
            XCTAssertEqual(problems, [], "input: \(openAIInput.text.debugDescription)")
            if !problems.isEmpty { return }

            let anthropicInput = streamInput(anthropicFrames, round: round, using: &generator)
            var toOpenAI = AnthropicToOpenAIStream(context: contexts[round % 2], includeUsage: round % 2 == 0)
            let openAIOut = feedInPieces(anthropicInput, using: &generator) { toOpenAI.feed($0) } + toOpenAI.finish()
            let openAIProblems = OpenAIStreamChecker.problems(openAIOut)
            XCTAssertEqual(openAIProblems, [], "input: \(anthropicInput.text.debugDescription)")
            if !openAIProblems.isEmpty { return }

            // Same-format streams pass through unchanged up to where they stop being whole
            // events; whatever follows that point is the router's error event.
            let wire: WireProtocol = round % 2 == 0 ? .anthropic : .openai
            var passthrough = StreamTranslator(from: wire, to: wire, context: contexts[0])
            let passed = feedInPieces(anthropicInput, using: &generator) { passthrough.feed($0) } + passthrough.finish()
            if !passed.starts(with: anthropicInput) {
                let errorStart = Array((wire == .anthropic ? "event: error\n" : "data: {\"error\"").utf8)
                let cut = Self.lastRange(of: errorStart, in: passed)
                XCTAssertNotNil(cut, "no error event after a changed stream: \(passed.text.debugDescription)")
                if let cut { XCTAssertTrue(anthropicInput.starts(with: passed[..<cut]), "forwarded bytes differ from the input") }
            }
        }
    }

    /// Valid but unusual OpenAI streams (interleaved tool calls, reused indexes, missing ids,
    /// broken arguments, think tags split anywhere, errors, missing finish/usage/[DONE]): always a
    /// well-formed Anthropic stream, and the same one however the bytes are split.
    func testStructuredOpenAIStreams() {
        var generator = SeededGenerator(seed: 123)
        for round in 0..<3_000 {
            let stream = RandomInput.openAIStream(using: &generator)
            let invalidFrames = StreamOutput.events(stream).filter { $0.data != "[DONE]" && $0.json == nil }
            XCTAssertEqual(invalidFrames.count, 0, "the generator makes valid frames: \(stream.text)")
            var whole = OpenAIToAnthropicStream(context: contexts[round % 2])
            let expected = whole.feed(stream) + whole.finish()
            let problems = AnthropicStreamChecker.problems(expected)
            XCTAssertEqual(problems, [], stream.text)
            if !problems.isEmpty { return }
            var split = OpenAIToAnthropicStream(context: contexts[round % 2])
            let pieces = feedInPieces(stream, using: &generator) { split.feed($0) } + split.finish()
            XCTAssertEqual(pieces, expected, stream.text)
        }
    }

    /// Random bytes, a mutated real stream, or a random selection of real frames, some mutated.
    private func streamInput(_ frames: [String], round: Int, using generator: inout SeededGenerator) -> [UInt8] {
        switch round % 4 {
        case 0: return RandomInput.bytes(using: &generator)
        case 1: return RandomInput.mutate(Array(frames.joined().utf8), using: &generator)
        default:
            var out: [UInt8] = []
            for _ in 0..<Int.random(in: 0...10, using: &generator) {
                guard let frame = frames.randomElement(using: &generator) else { continue }
                let bytes = Array(frame.utf8)
                out += Bool.random(using: &generator) ? bytes : RandomInput.mutate(bytes, using: &generator)
            }
            return out
        }
    }

    private func feedInPieces(_ input: [UInt8], using generator: inout SeededGenerator, _ feed: (ArraySlice<UInt8>) -> [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var start = 0
        while start < input.count {
            let end = min(input.count, start + Int.random(in: 1...64, using: &generator))
            out += feed(input[start..<end])
            start = end
        }
        return out
    }

    /// A translator either refuses with a ``TranslationError`` or produces one JSON document.
    private func check(_ translate: @autoclosure () throws -> [UInt8], _ what: String, _ input: [UInt8]) {
        do {
            let output = try translate()
            if (try? JSONSerialization.jsonObject(with: Data(output), options: [.fragmentsAllowed])) == nil {
                XCTFail("\(what) produced invalid JSON for \(input.text.debugDescription): \(output.text)")
            }
        } catch is TranslationError {
            return
        } catch {
            XCTFail("\(what) threw \(error)")
        }
    }
}

/// Input generators for the fuzz tests.
enum RandomInput {
    private static let alphabet = Array("{}[]\",:\\ntrufalse0123456789-.eE \n\r\u{7F}data: [DONE]éx".utf8)

    static func bytes(using generator: inout SeededGenerator) -> [UInt8] {
        let count = Int.random(in: 0...120, using: &generator)
        if Bool.random(using: &generator) {
            return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        }
        return (0..<count).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
    }

    static func mutate(_ seed: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = seed
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            guard !bytes.isEmpty else { break }
            let position = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: bytes[position] = alphabet.randomElement(using: &generator) ?? 0
            case 1: bytes.remove(at: position)
            case 2: bytes.insert(alphabet.randomElement(using: &generator) ?? 0, at: position)
            case 3:
                let end = min(bytes.count, position + Int.random(in: 1...20, using: &generator))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            default:
                let end = min(bytes.count, position + Int.random(in: 1...20, using: &generator))
                bytes.removeSubrange(position..<end)
            }
        }
        return bytes
    }

    static func openAIStream(using generator: inout SeededGenerator) -> [UInt8] {
        // JSON string contents, already escaped.
        let texts = ["hi", "<think>", "</think>", "<thi", "nk>", "</th", #"a \"q\""#, "é", #"\n"#, " ", "", #"\n\n"#, #"\u00a0"#]
        var frames: [String] = []
        for _ in 0..<Int.random(in: 0...12, using: &generator) {
            let delta: String
            switch Int.random(in: 0..<7, using: &generator) {
            case 6:
                frames.append(#"{"id":"s","search_info":{"search_results":[{"title":"t","url":"https://x.example/\#(frames.count)"}]},"choices":[]}"#)
                continue
            case 0, 1:
                delta = #"{"content":"\#(texts.randomElement(using: &generator) ?? "")"}"#
            case 2:
                delta = #"{"reasoning_content":"\#(texts.randomElement(using: &generator) ?? "")"}"#
            default:
                let index = Int.random(in: 0...2, using: &generator)
                let id = Bool.random(using: &generator) ? #""id":"call_\#(Int.random(in: 0...3, using: &generator))","# : ""
                let name = Bool.random(using: &generator) ? #""name":"T\#(index)","# : ""
                let argument = ["{", #"\"a\":"#, "1}", "}", "x", ""].randomElement(using: &generator) ?? ""
                delta = #"{"tool_calls":[{"index":\#(index),\#(id)"function":{\#(name)"arguments":"\#(argument)"}}]}"#
            }
            frames.append(#"{"id":"s","choices":[{"index":0,"delta":\#(delta),"finish_reason":null}]}"#)
        }
        switch Int.random(in: 0..<5, using: &generator) {
        case 0: frames.append(#"{"id":"s","choices":[{"index":0,"delta":{},"finish_reason":"\#(["stop", "length", "tool_calls", "content_filter"].randomElement(using: &generator) ?? "stop")"}]}"#)
        case 4: frames.append(#"{"id":"s","choices":[{"index":0,"delta":{},"finish_reason":"stop","stop_reason":\#(["\"</s>\"", "7", "null"].randomElement(using: &generator) ?? "null")}]}"#)
        case 1: frames.append(#"{"error":{"message":"boom","type":"server_error"}}"#)
        default: break
        }
        if Bool.random(using: &generator) { frames.append(#"{"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":1}}"#) }
        var text = frames.map { "data: \($0)\n\n" }.joined()
        if Bool.random(using: &generator) { text += "data: [DONE]\n\n" }
        return Array(text.utf8)
    }

    /// A valid JSON object whose members are the request fields translators read, with values of
    /// random types and shapes: it reaches the field checks that byte noise rarely gets past.
    static func structured(using generator: inout SeededGenerator) -> [UInt8] {
        let keys = ["model", "messages", "system", "tools", "tool_choice", "max_tokens", "max_completion_tokens", "stream",
                    "thinking", "temperature", "top_p", "stop", "stop_sequences", "metadata", "reasoning_effort", "user",
                    "stream_options", "parallel_tool_calls"]
        var members: [String] = []
        for key in keys where Int.random(in: 0..<3, using: &generator) > 0 {
            members.append("\"\(key)\":\(value(depth: 0, using: &generator))")
        }
        return Array("{\(members.joined(separator: ","))}".utf8)
    }

    private static func value(depth: Int, using generator: inout SeededGenerator) -> String {
        let fieldNames = ["role", "content", "type", "text", "source", "data", "media_type", "url", "id", "name", "input",
                          "tool_use_id", "is_error", "thinking", "tool_calls", "function", "arguments", "image_url",
                          "tool_call_id", "parameters", "input_schema", "budget_tokens", "user_id", "reasoning_content"]
        let words = ["user", "assistant", "system", "tool", "developer", "text", "image", "tool_use", "tool_result",
                     "thinking", "base64", "url", "image_url", "function", "auto", "any", "none", "required", "enabled",
                     "disabled", "adaptive", "high", "x-anthropic-billing-header: x", "<think>a</think>b", "data:image/png;base64,AA==", "{\\\"a\\\":1}", ""]
        switch Int.random(in: 0..<(depth > 3 ? 4 : 8), using: &generator) {
        case 0: return "\"\(words.randomElement(using: &generator) ?? "")\""
        case 1: return String(Int.random(in: -2...200_000, using: &generator))
        case 2: return ["true", "false", "null", "0.5", "1e3"].randomElement(using: &generator) ?? "null"
        case 3: return "\"\(Int.random(in: 0...9, using: &generator))\""
        case 4, 5:
            let count = Int.random(in: 0...4, using: &generator)
            return "[" + (0..<count).map { _ in value(depth: depth + 1, using: &generator) }.joined(separator: ",") + "]"
        default:
            let count = Int.random(in: 0...5, using: &generator)
            let members = (0..<count).map { _ in
                "\"\(fieldNames.randomElement(using: &generator) ?? "x")\":\(value(depth: depth + 1, using: &generator))"
            }
            return "{" + members.joined(separator: ",") + "}"
        }
    }
}
