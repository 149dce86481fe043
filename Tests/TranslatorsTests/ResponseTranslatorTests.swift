import Foundation
import XCTest
@testable import Translators

final class ResponseTranslatorTests: XCTestCase {
    func testOpenAIResponseToAnthropic() throws {
        let body = """
        {"id":"chatcmpl-9","object":"chat.completion","model":"up","choices":[{"index":0,"message":{"role":"assistant",
         "content":"<think>hidden plan</think>\\n\\nHello","tool_calls":[
           {"id":"functions.Bash:0","type":"function","function":{"name":"Bash","arguments":"{\\"command\\":\\"ls\\"}"}},
           {"type":"function","function":{"name":"Read","arguments":"oops"}}]},
         "finish_reason":"tool_calls"}],
         "usage":{"prompt_tokens":100,"completion_tokens":20,"prompt_cache_hit_tokens":60}}
        """
        let out = try JSONTestSupport.object(OpenAIToAnthropicResponse.translate(Array(body.utf8), context: TestContexts.openAI()))
        XCTAssertEqual(out["type"] as? String, "message")
        XCTAssertEqual(out["id"] as? String, "msg_chatcmpl-9")
        XCTAssertEqual(out["model"] as? String, "claude-sonnet-4-5")
        XCTAssertEqual(out["stop_reason"] as? String, "tool_use")
        let content = try XCTUnwrap(out["content"] as? [[String: Any]])
        XCTAssertEqual(content.map { $0["type"] as? String }, ["thinking", "text", "tool_use", "tool_use"])
        XCTAssertEqual(content[0]["thinking"] as? String, "hidden plan")
        XCTAssertEqual(content[1]["text"] as? String, "Hello")
        XCTAssertEqual(content[2]["id"] as? String, "functions_Bash_0")
        XCTAssertEqual(content[2]["input"] as? NSDictionary, ["command": "ls"])
        XCTAssertEqual(content[3]["id"] as? String, "toolu_chatcmpl-9_1")
        XCTAssertEqual(content[3]["input"] as? NSDictionary, ["raw": "oops"])
        XCTAssertEqual(out["usage"] as? NSDictionary,
                       ["input_tokens": 40, "output_tokens": 20, "cache_read_input_tokens": 60, "cache_creation_input_tokens": 0])

        let reasoning = #"{"choices":[{"message":{"role":"assistant","reasoning_content":"r","content":"t"},"finish_reason":"length"}]}"#
        let second = try JSONTestSupport.object(OpenAIToAnthropicResponse.translate(Array(reasoning.utf8), context: TestContexts.openAI()))
        XCTAssertEqual((second["content"] as? [[String: Any]])?.map { $0["type"] as? String }, ["thinking", "text"])
        XCTAssertEqual(second["stop_reason"] as? String, "max_tokens")

        let error = #"{"error":{"message":"bad key","type":"invalid_api_key"}}"#
        let translatedError = try JSONTestSupport.object(OpenAIToAnthropicResponse.translate(Array(error.utf8), context: TestContexts.openAI()))
        XCTAssertEqual(translatedError["type"] as? String, "error")
        XCTAssertEqual((translatedError["error"] as? [String: Any])?["type"] as? String, "authentication_error")
    }

    func testAnthropicResponseToOpenAI() throws {
        let body = """
        {"id":"msg_5","type":"message","role":"assistant","model":"claude","content":[
          {"type":"thinking","thinking":"t","signature":"s"},{"type":"text","text":"A"},{"type":"text","text":"B"},
          {"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"ls \\"q\\""}}],
         "stop_reason":"tool_use","usage":{"input_tokens":10,"output_tokens":5,"cache_read_input_tokens":90,"cache_creation_input_tokens":1}}
        """
        let out = try JSONTestSupport.object(AnthropicToOpenAIResponse.translate(Array(body.utf8), context: TestContexts.openAI()))
        XCTAssertEqual(out["object"] as? String, "chat.completion")
        XCTAssertEqual(out["id"] as? String, "chatcmpl-msg_5")
        XCTAssertEqual(out["model"] as? String, "claude-sonnet-4-5")
        let choice = try XCTUnwrap((out["choices"] as? [[String: Any]])?.first)
        XCTAssertEqual(choice["finish_reason"] as? String, "tool_calls")
        let message = try XCTUnwrap(choice["message"] as? [String: Any])
        XCTAssertEqual(message["content"] as? String, "AB")
        XCTAssertEqual(message["reasoning_content"] as? String, "t")
        let call = try XCTUnwrap((message["tool_calls"] as? [[String: Any]])?.first)
        XCTAssertEqual(call["id"] as? String, "toolu_1")
        XCTAssertEqual((call["function"] as? [String: Any])?["arguments"] as? String, #"{"command":"ls \"q\""}"#)
        XCTAssertEqual(out["usage"] as? NSDictionary,
                       ["prompt_tokens": 101, "completion_tokens": 5, "total_tokens": 106, "prompt_tokens_details": ["cached_tokens": 90]])
        for (reason, expected) in [("end_turn", "stop"), ("max_tokens", "length"), ("stop_sequence", "stop"), ("refusal", "content_filter")] {
            let small = #"{"id":"m","content":[{"type":"text","text":"x"}],"stop_reason":"\#(reason)","usage":{}}"#
            let translated = try JSONTestSupport.object(AnthropicToOpenAIResponse.translate(Array(small.utf8), context: TestContexts.openAI()))
            XCTAssertEqual((translated["choices"] as? [[String: Any]])?.first?["finish_reason"] as? String, expected)
        }
        let error = #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#
        let translatedError = try JSONTestSupport.object(AnthropicToOpenAIResponse.translate(Array(error.utf8), context: TestContexts.openAI()))
        XCTAssertEqual((translatedError["error"] as? [String: Any])?["message"] as? String, "Overloaded")
    }
}
