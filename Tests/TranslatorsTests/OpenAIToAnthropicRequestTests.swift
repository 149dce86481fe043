import Foundation
import RouteModel
import XCTest
@testable import Translators

final class OpenAIToAnthropicRequestTests: XCTestCase {
    private func translate(_ json: String, _ context: UpstreamContext = TestContexts.openAI()) throws -> [String: Any] {
        try JSONTestSupport.object(OpenAIToAnthropicRequest.translate(Array(json.utf8), context: context).body)
    }

    func testGoldenMessagesMergingAndTools() throws {
        let body = """
        {"model":"gpt-4o","messages":[
          {"role":"system","content":"Be kind."},{"role":"developer","content":[{"type":"text","text":"Be brief."}]},
          {"role":"user","content":"Hi"},{"role":"user","content":[{"type":"text","text":"Look"},
            {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBO\\/w=="}},
            {"type":"image_url","image_url":{"url":"https://x.test/a.png"}}]},
          {"role":"assistant","content":"Checking","tool_calls":[
            {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
            {"id":"call_2","type":"function","function":{"name":"get_time","arguments":"not json"}}]},
          {"role":"tool","tool_call_id":"call_1","content":"sunny"},
          {"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"noon"}]},
          {"role":"user","content":"thanks"}],
         "tools":[{"type":"function","function":{"name":"get_weather","description":"W","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}},
                  {"type":"function","function":{"name":"get_time"}}],
         "tool_choice":"required","parallel_tool_calls":false,"max_completion_tokens":100000,"temperature":1.5,"stop":"END",
         "user":"u-1","stream":true,"stream_options":{"include_usage":true},"n":1,"presence_penalty":0}
        """
        let translated = try OpenAIToAnthropicRequest.translate(Array(body.utf8), context: TestContexts.openAI())
        XCTAssertTrue(translated.stream)
        XCTAssertTrue(translated.includeUsage)
        XCTAssertTrue(translated.body.text.contains(#""input_schema":{"type":"object","properties":{"city":{"type":"string"}}}"#))
        let out = try JSONTestSupport.object(translated.body)
        XCTAssertEqual(Set(out.keys), ["model", "max_tokens", "system", "messages", "tools", "tool_choice", "temperature", "stop_sequences", "metadata", "stream"])
        XCTAssertEqual(out["model"] as? String, "up-model")
        XCTAssertEqual(out["system"] as? String, "Be kind.\n\nBe brief.")
        XCTAssertEqual(out["max_tokens"] as? Int, 32_000)
        XCTAssertEqual(out["temperature"] as? Int, 1)
        XCTAssertEqual(out["stop_sequences"] as? [String], ["END"])
        XCTAssertEqual(out["metadata"] as? NSDictionary, ["user_id": "u-1"])
        XCTAssertEqual(out["tool_choice"] as? NSDictionary, ["type": "any", "disable_parallel_tool_use": true])
        let tools = try XCTUnwrap(out["tools"] as? [[String: Any]])
        XCTAssertEqual(tools[1]["input_schema"] as? NSDictionary, ["type": "object", "properties": [:]] as NSDictionary)

        let messages = try XCTUnwrap(out["messages"] as? [[String: Any]])
        XCTAssertEqual(messages.map { $0["role"] as? String }, ["user", "assistant", "user"], "same-role messages merge")
        let first = try XCTUnwrap(messages[0]["content"] as? [[String: Any]])
        XCTAssertEqual(first.map { $0["type"] as? String }, ["text", "text", "image", "image"])
        XCTAssertEqual(first[2]["source"] as? NSDictionary, ["type": "base64", "media_type": "image/png", "data": "iVBO/w=="])
        XCTAssertEqual(first[3]["source"] as? NSDictionary, ["type": "url", "url": "https://x.test/a.png"])
        let assistant = try XCTUnwrap(messages[1]["content"] as? [[String: Any]])
        XCTAssertEqual(assistant.map { $0["type"] as? String }, ["text", "tool_use", "tool_use"])
        XCTAssertEqual(assistant[1]["id"] as? String, "call_1")
        XCTAssertEqual(assistant[1]["input"] as? NSDictionary, ["city": "Paris"])
        XCTAssertEqual(assistant[2]["input"] as? NSDictionary, ["raw": "not json"])
        let results = try XCTUnwrap(messages[2]["content"] as? [[String: Any]])
        XCTAssertEqual(results.map { $0["type"] as? String }, ["tool_result", "tool_result", "text"], "tool results first, merged in one user turn")
        XCTAssertEqual(results[0]["tool_use_id"] as? String, "call_1")
        XCTAssertEqual(results[1]["content"] as? String, "noon")
    }

    func testToolPairingIsRepairedForAnthropic() throws {
        let body = """
        {"messages":[{"role":"user","content":"go"},
          {"role":"assistant","tool_calls":[{"id":"a","function":{"name":"f","arguments":"{}"}},{"id":"b","function":{"name":"f","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"b","content":"B"},
          {"role":"assistant","content":"next","tool_calls":[{"id":"c","function":{"name":"f","arguments":"{}"}}]},
          {"role":"user","content":"moving on"},
          {"role":"tool","tool_call_id":"zzz","content":"stray"}]}
        """
        let messages = try XCTUnwrap(translate(body)["messages"] as? [[String: Any]])
        XCTAssertEqual(messages.map { $0["role"] as? String }, ["user", "assistant", "user", "assistant", "user"])
        let first = try XCTUnwrap(messages[2]["content"] as? [[String: Any]])
        XCTAssertEqual(first.map { $0["tool_use_id"] as? String }, ["a", "b"])
        XCTAssertEqual(first[0]["content"] as? String, "[no result: the tool call was not answered]")
        let second = try XCTUnwrap(messages[4]["content"] as? [[String: Any]])
        XCTAssertEqual(second.map { $0["type"] as? String }, ["tool_result", "text", "text", "text"])
        XCTAssertEqual(second[0]["tool_use_id"] as? String, "c")
        XCTAssertEqual(second.dropFirst().map { $0["text"] as? String }, ["moving on", "[tool result zzz]", "stray"])
    }

    func testQuirksReasoningAndThinking() throws {
        let body = """
        {"messages":[{"role":"user","content":"q"},{"role":"system","content":"mid"},
          {"role":"assistant","reasoning_content":"because","content":"a"}],
         "reasoning_effort":"high","max_tokens":4000,"temperature":0.2,
         "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"function","function":{"name":"f"}}}
        """
        let plain = try translate(body)
        XCTAssertEqual(plain["thinking"] as? NSDictionary, ["type": "enabled", "budget_tokens": 3999], "budget fits under max_tokens")
        XCTAssertNil(plain["temperature"], "thinking requires default sampling")
        XCTAssertEqual(plain["tool_choice"] as? NSDictionary, ["type": "tool", "name": "f"])
        let plainMessages = try XCTUnwrap(plain["messages"] as? [[String: Any]])
        XCTAssertEqual(plainMessages.map { $0["role"] as? String }, ["user", "system", "assistant"])
        XCTAssertEqual((plainMessages[2]["content"] as? [[String: Any]])?.map { $0["type"] as? String }, ["text"], "no thinking without a signature")

        let quirky = try translate(body, TestContexts.openAI(["system_role_rejected", "tool_choice_auto_none_only", "reasoning_roundtrip"]))
        XCTAssertEqual(quirky["system"] as? String, "mid")
        XCTAssertEqual(quirky["tool_choice"] as? NSDictionary, ["type": "auto"])
        let messages = try XCTUnwrap(quirky["messages"] as? [[String: Any]])
        XCTAssertEqual(messages.map { $0["role"] as? String }, ["user", "assistant"])
        XCTAssertEqual((messages[1]["content"] as? [[String: Any]])?.first?["thinking"] as? String, "because")
        XCTAssertEqual(try translate(#"{"messages":[{"role":"user","content":"q"}]}"#, TestContexts.openAI(maxOutputTokens: nil))["max_tokens"] as? Int,
                       8_192, "Anthropic requires max_tokens")
    }

    func testErrorsNameTheField() {
        func message(_ json: String) -> String? {
            do {
                _ = try OpenAIToAnthropicRequest.translate(Array(json.utf8), context: TestContexts.openAI())
                return nil
            } catch {
                return error.description
            }
        }
        XCTAssertEqual(message(#"{"messages":"hi"}"#), "messages must be an array")
        XCTAssertEqual(message(#"{"messages":[{"role":"user","content":[{"type":"input_audio"}]}]}"#),
                       "messages[0].content[0].type 'input_audio' is not a known content part type")
        XCTAssertEqual(message(#"{"messages":[{"role":"tool","content":"x"}]}"#), "messages[0].tool_call_id must be a string")
        XCTAssertEqual(message(#"{"messages":[],"tool_choice":"sometimes","tools":[{"type":"function","function":{"name":"a"}}]}"#),
                       "tool_choice 'sometimes' must be auto, required or none")
    }
}
