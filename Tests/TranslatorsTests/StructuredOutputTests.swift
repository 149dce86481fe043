import Foundation
import RouteModel
import XCTest
@testable import Translators

/// OpenAI `response_format` and `n` on Anthropic-protocol upstreams: translated to a forced
/// tool whose input comes back as the content, or refused; never dropped.
final class StructuredOutputTests: XCTestCase {
    private let schema = #"{"type":"object","properties":{"city":{"type":"string"},"temp":{"type":"number"}},"required":["city","temp"],"additionalProperties":false}"#

    private func request(_ extra: String) -> [UInt8] {
        Array(#"{"model":"gpt-4o","messages":[{"role":"user","content":"weather?"}]\#(extra)}"#.utf8)
    }

    private func refusal(_ body: [UInt8], _ context: UpstreamContext = TestContexts.openAI()) -> String? {
        do {
            _ = try OpenAIToAnthropicRequest.translate(body, context: context)
            return nil
        } catch {
            return error.description
        }
    }

    func testJSONSchemaBecomesAForcedToolWithTheSchemaByteForByte() throws {
        let translated = try OpenAIToAnthropicRequest.translate(
            request(#","response_format":{"type":"json_schema","json_schema":{"name":"weather","strict":true,"schema":\#(schema)}}"#),
            context: TestContexts.openAI()
        )
        XCTAssertEqual(translated.structuredOutputTool, "weather")
        XCTAssertTrue(translated.body.text.contains(#""input_schema":\#(schema)"#), translated.body.text)
        let out = try JSONTestSupport.object(translated.body)
        let tools = out["tools"] as? [[String: Any]]
        XCTAssertEqual(tools?.count, 1)
        XCTAssertEqual(tools?.first?["name"] as? String, "weather")
        XCTAssertEqual(out["tool_choice"] as? NSDictionary, ["type": "tool", "name": "weather"])
        XCTAssertNil(out["response_format"])
    }

    func testJSONObjectBecomesAnObjectTool() throws {
        let translated = try OpenAIToAnthropicRequest.translate(request(#","response_format":{"type":"json_object"}"#), context: TestContexts.openAI())
        XCTAssertEqual(translated.structuredOutputTool, "json_response")
        XCTAssertTrue(translated.body.text.contains(#""input_schema":{"type":"object"}"#), translated.body.text)
        let plain = try OpenAIToAnthropicRequest.translate(request(#","response_format":{"type":"text"}"#), context: TestContexts.openAI())
        XCTAssertNil(plain.structuredOutputTool)
        XCTAssertFalse(plain.body.text.contains("tool_choice"))
    }

    func testWhatCannotBeTranslatedIsRefused() {
        let format = #","response_format":{"type":"json_schema","json_schema":{"name":"w","schema":\#(schema)}}"#
        let tools = #","tools":[{"type":"function","function":{"name":"f"}}]"#
        XCTAssertTrue(refusal(request(format + tools))?.contains("tools") == true)
        XCTAssertTrue(refusal(request(format + #","reasoning_effort":"high""#))?.contains("reasoning_effort") == true)
        XCTAssertTrue(refusal(request(format), TestContexts.openAI(["tool_choice_auto_none_only"]))?.contains("not supported by this provider") == true)
        XCTAssertTrue(refusal(request(#","response_format":{"type":"json_schema","json_schema":{"name":"w","schema":{"type":"array"}}}"#))?.contains("type object") == true)
        XCTAssertTrue(refusal(request(#","response_format":{"type":"yaml"}"#))?.contains("yaml") == true)
    }

    func testSeveralChoicesAreRefusedForAnthropicTargets() {
        XCTAssertTrue(refusal(request(#","n":2"#))?.contains("2 choices") == true)
        XCTAssertNil(refusal(request(#","n":1"#)))
        XCTAssertNotNil(refusal(request(#","n":0"#)))
    }

    private var structuredContext: UpstreamContext {
        var context = TestContexts.openAI()
        context.structuredOutputTool = "weather"
        return context
    }

    func testTheToolInputComesBackAsContent() throws {
        let upstream = #"{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"tool_use","id":"toolu_1","name":"weather","input":{"city":"Paris","temp":21.5}}],"stop_reason":"tool_use","usage":{"input_tokens":10,"output_tokens":5}}"#
        let out = try JSONTestSupport.object(ResponseTranslator.translate(Array(upstream.utf8), from: .anthropic, to: .openai, context: structuredContext))
        let choice = (out["choices"] as? [[String: Any]])?.first
        let message = choice?["message"] as? [String: Any]
        XCTAssertEqual(message?["content"] as? String, #"{"city":"Paris","temp":21.5}"#)
        XCTAssertNil(message?["tool_calls"])
        XCTAssertEqual(choice?["finish_reason"] as? String, "stop")
    }

    func testTheStreamedToolInputComesBackAsContentDeltas() throws {
        let frames = StreamFixtures.anthropicFrames([
            ("message_start", #"{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"usage":{"input_tokens":10,"output_tokens":1}}}"#),
            ("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"weather","input":{}}}"#),
            ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"city\": \"Pa"}}"#),
            ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"ris\", \"temp\": 21.5}"}}"#),
            ("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
            ("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":9}}"#),
            ("message_stop", #"{"type":"message_stop"}"#),
        ])
        var stream = StreamTranslator(from: .anthropic, to: .openai, context: structuredContext)
        let out = stream.feed(frames) + stream.finish()
        var content = ""
        var finish: String?
        for line in out.text.split(separator: "\n") where line.hasPrefix("data: {") {
            let chunk = try JSONTestSupport.object(Array(line.dropFirst(6).utf8))
            let choice = (chunk["choices"] as? [[String: Any]])?.first
            let delta = choice?["delta"] as? [String: Any]
            XCTAssertNil(delta?["tool_calls"], String(line))
            content += delta?["content"] as? String ?? ""
            if let reason = choice?["finish_reason"] as? String { finish = reason }
        }
        XCTAssertEqual(content, #"{"city": "Paris", "temp": 21.5}"#)
        XCTAssertEqual(finish, "stop")
        XCTAssertTrue(out.text.hasSuffix("data: [DONE]\n\n"))
    }
}
