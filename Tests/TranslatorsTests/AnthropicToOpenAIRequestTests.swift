import Foundation
import RouteModel
import XCTest
@testable import Translators

final class AnthropicToOpenAIRequestTests: XCTestCase {
    private func translate(_ json: String, _ context: UpstreamContext = TestContexts.openAI()) throws -> [String: Any] {
        try JSONTestSupport.object(AnthropicToOpenAIRequest.translate(Array(json.utf8), context: context).body)
    }

    private func messages(_ object: [String: Any]) -> [[String: Any]] { object["messages"] as? [[String: Any]] ?? [] }

    func testGoldenMinimalRequestBytes() throws {
        let body = #"{"model":"claude-x","max_tokens":100,"messages":[{"role":"user","content":"hi"}],"stream":true}"#
        let out = try AnthropicToOpenAIRequest.translate(Array(body.utf8), context: TestContexts.openAI())
        XCTAssertEqual(out.body.text,
                       #"{"model":"up-model","messages":[{"role":"user","content":"hi"}],"max_tokens":100,"stream":true,"stream_options":{"include_usage":true}}"#)
        XCTAssertTrue(out.stream)
    }

    func testSystemStringBlocksBillingHeaderAndSystemRoleMessages() throws {
        let body = """
        {"model":"m","max_tokens":10,
         "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.332.ae2;"},
                   {"type":"text","text":"You are Claude.","cache_control":{"type":"ephemeral"}},
                   {"type":"text","text":"Be brief."}],
         "messages":[{"role":"user","content":"a"},{"role":"system","content":"# Env"},{"role":"user","content":"b"}]}
        """
        let plain = messages(try translate(body))
        XCTAssertEqual(plain.count, 4)
        XCTAssertEqual(plain[0]["role"] as? String, "system")
        XCTAssertEqual(plain[0]["content"] as? String, "You are Claude.\n\nBe brief.")
        XCTAssertEqual(plain[2]["role"] as? String, "system")
        XCTAssertEqual(plain[2]["content"] as? String, "# Env")

        let hoisted = messages(try translate(body, TestContexts.openAI(["system_role_rejected"])))
        XCTAssertEqual(hoisted.map { $0["role"] as? String }, ["system", "user", "user"])
        XCTAssertEqual(hoisted[0]["content"] as? String, "You are Claude.\n\nBe brief.\n\n# Env")

        var anthropic = TestContexts.openAI()
        anthropic.upstreamIsAnthropicAPI = true
        let kept = messages(try translate(body, anthropic))
        XCTAssertTrue((kept[0]["content"] as? String)?.hasPrefix("x-anthropic-billing-header") == true)

        let stringSystem = messages(try translate(#"{"system":"S","messages":[{"role":"user","content":"u"}]}"#))
        XCTAssertEqual(stringSystem[0]["content"] as? String, "S")
    }

    func testTextBlocksAndImages() throws {
        let body = """
        {"messages":[{"role":"user","content":[
          {"type":"text","text":"look","cache_control":{"type":"ephemeral"}},
          {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBO\\/w=="}},
          {"type":"image","source":{"type":"url","url":"https://x.test/a.png"}}]},
          {"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]}]}
        """
        let out = messages(try translate(body))
        let parts = try XCTUnwrap(out[0]["content"] as? [[String: Any]])
        XCTAssertEqual(parts[0] as NSDictionary, ["type": "text", "text": "look"] as NSDictionary)
        XCTAssertEqual(parts[1] as NSDictionary, ["type": "image_url", "image_url": ["url": "data:image/png;base64,iVBO/w=="]] as NSDictionary)
        XCTAssertEqual((parts[2]["image_url"] as? [String: Any])?["url"] as? String, "https://x.test/a.png")
        XCTAssertEqual(out[1]["content"] as? String, "one\ntwo", "text-only content becomes one string")
    }

    func testToolUseToolResultAndMovedImages() throws {
        let body = """
        {"messages":[
          {"role":"user","content":"go"},
          {"role":"assistant","content":[{"type":"text","text":"running"},
            {"type":"tool_use","id":"toolu_01","name":"Bash","input":{"command":"ls \\"x\\"","n":[1,2]}},
            {"type":"tool_use","id":"toolu_02","name":"Read","input":{"file_path":"/a.png"}}]},
          {"role":"user","content":[
            {"type":"tool_result","tool_use_id":"toolu_01","content":"boom","is_error":true},
            {"type":"tool_result","tool_use_id":"toolu_02","content":[
              {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}},
              {"type":"text","text":"note"}]},
            {"type":"text","text":"continue"}]}]}
        """
        let out = messages(try translate(body))
        XCTAssertEqual(out.map { $0["role"] as? String }, ["user", "assistant", "tool", "tool", "user"])
        let calls = try XCTUnwrap(out[1]["tool_calls"] as? [[String: Any]])
        XCTAssertEqual(calls.map { $0["id"] as? String }, ["toolu_01", "toolu_02"])
        let function = try XCTUnwrap(calls[0]["function"] as? [String: Any])
        XCTAssertEqual(function["name"] as? String, "Bash")
        XCTAssertEqual(function["arguments"] as? String, #"{"command":"ls \"x\"","n":[1,2]}"#, "arguments are the input's JSON text")
        XCTAssertEqual(out[1]["content"] as? String, "running")
        XCTAssertEqual(out[2]["tool_call_id"] as? String, "toolu_01")
        XCTAssertEqual(out[2]["content"] as? String, "Error: boom")
        XCTAssertEqual(out[3]["tool_call_id"] as? String, "toolu_02")
        XCTAssertEqual(out[3]["content"] as? String, "note\n[image content is attached in the next user message]")
        let user = try XCTUnwrap(out[4]["content"] as? [[String: Any]])
        XCTAssertEqual(user.count, 2)
        XCTAssertEqual((user[0]["image_url"] as? [String: Any])?["url"] as? String, "data:image/png;base64,AAAA")
        XCTAssertEqual(user[1]["text"] as? String, "continue")
        XCTAssertEqual(OpenAISchemaChecker().problems(try AnthropicToOpenAIRequest.translate(Array(body.utf8), context: TestContexts.openAI()).body), [])
    }

    func testUnansweredToolCallsAndOrphanResultsKeepTheOrderOpenAIRequires() throws {
        let body = """
        {"messages":[{"role":"user","content":"go"},
          {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"A","input":{}},{"type":"tool_use","id":"t2","name":"B","input":{}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"t2","content":"two"},{"type":"text","text":"stop"}]},
          {"role":"assistant","content":[{"type":"tool_use","id":"t3","name":"A","input":{}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"zzz","content":"stray"}]}]}
        """
        let translated = try AnthropicToOpenAIRequest.translate(Array(body.utf8), context: TestContexts.openAI()).body
        XCTAssertEqual(OpenAISchemaChecker().problems(translated), [])
        let out = messages(try JSONTestSupport.object(translated))
        XCTAssertEqual(out.map { $0["role"] as? String }, ["user", "assistant", "tool", "tool", "user", "assistant", "tool", "user"])
        XCTAssertEqual(out[2]["tool_call_id"] as? String, "t2")
        XCTAssertEqual(out[3]["tool_call_id"] as? String, "t1")
        XCTAssertEqual(out[3]["content"] as? String, "[no result: the tool call was not answered]")
        XCTAssertEqual(out[6]["tool_call_id"] as? String, "t3")
        XCTAssertEqual(out[7]["content"] as? String, "[tool result zzz]\nstray")
    }

    func testOrphanResultWhoseIdHasAQuoteAndABackslashStaysValidJSON() throws {
        let body = #"""
        {"messages":[{"role":"user","content":"go"},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"id \"quoted\" \\ end","content":"stray"}]}]}
        """#
        let translated = try AnthropicToOpenAIRequest.translate(Array(body.utf8), context: TestContexts.openAI()).body
        XCTAssertEqual(OpenAISchemaChecker().problems(translated), [])
        let out = messages(try JSONTestSupport.object(translated))
        XCTAssertEqual(out.last?["content"] as? String, #"[tool result id "quoted" \ end]"# + "\nstray")
    }

    func testThinkingGoesBackAsReasoningContentOnlyWhereTheQuirkSaysAndOnlyOnToolTurns() throws {
        let body = """
        {"messages":[{"role":"user","content":"q"},
          {"role":"assistant","content":[{"type":"thinking","thinking":"plan","signature":"s"},
            {"type":"tool_use","id":"t1","name":"Bash","input":{}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok"}]},
          {"role":"assistant","content":[{"type":"thinking","thinking":"done thinking","signature":"s"},{"type":"text","text":"done"}]},
          {"role":"user","content":"next"}]}
        """
        let dropped = messages(try translate(body))
        XCTAssertNil(dropped[1]["reasoning_content"])
        XCTAssertNil(dropped[3]["reasoning_content"])
        let kept = messages(try translate(body, TestContexts.openAI(["reasoning_roundtrip"])))
        XCTAssertEqual(kept[1]["reasoning_content"] as? String, "plan")
        XCTAssertNil(kept[3]["reasoning_content"], "only tool-call turns carry reasoning back")
        XCTAssertNil(kept[1]["content"] as? String, "a tool-only turn has null content")
    }

    func testToolsAndToolChoice() throws {
        let schema = #"{"type":"object","properties":{"command":{"type":"string","description":"ü \"q\""}},"required":["command"]}"#
        let body = """
        {"messages":[{"role":"user","content":"x"}],
         "tools":[{"name":"Bash","description":"Run","input_schema":\(schema),"cache_control":{"type":"ephemeral"}},
                  {"type":"web_search_20250305","name":"web_search","max_uses":5},
                  {"name":"NoSchema"}],
         "tool_choice":{"type":"any","disable_parallel_tool_use":true}}
        """
        let out = try AnthropicToOpenAIRequest.translate(Array(body.utf8), context: TestContexts.openAI()).body
        XCTAssertTrue(out.text.contains(#""parameters":\#(schema)"#), "the schema is copied byte for byte")
        let object = try JSONTestSupport.object(out)
        let tools = try XCTUnwrap(object["tools"] as? [[String: Any]])
        XCTAssertEqual(tools.compactMap { ($0["function"] as? [String: Any])?["name"] as? String }, ["Bash", "NoSchema"], "server tools are dropped")
        XCTAssertEqual(object["tool_choice"] as? String, "required")
        XCTAssertEqual(object["parallel_tool_calls"] as? Bool, false)

        func choice(_ json: String, _ context: UpstreamContext = TestContexts.openAI()) throws -> Any? {
            try translate(#"{"messages":[{"role":"user","content":"x"}],"tools":[{"name":"A","input_schema":{}}],"tool_choice":\#(json),"thinking":{"type":"enabled","budget_tokens":2000}}"#, context)["tool_choice"]
        }
        XCTAssertEqual(try choice(#"{"type":"auto"}"#) as? String, "auto")
        XCTAssertEqual(try choice(#"{"type":"none"}"#) as? String, "none")
        XCTAssertEqual(try choice(#"{"type":"tool","name":"A"}"#) as? NSDictionary, ["type": "function", "function": ["name": "A"]] as NSDictionary)
        XCTAssertNil(try choice(#"{"type":"tool","name":"A"}"#, TestContexts.openAI(["thinking_forbids_tool_choice"])),
                     "DashScope with thinking on: only auto")
        XCTAssertEqual(try choice(#"{"type":"auto"}"#, TestContexts.openAI(["thinking_forbids_tool_choice"])) as? String, "auto")
    }

    func testLimitsSamplingAndIdentity() throws {
        let body = """
        {"messages":[{"role":"user","content":"x"}],"max_tokens":128000,"temperature":0,"top_p":1,"top_k":5,
         "stop_sequences":["END"],"metadata":{"user_id":"{\\"device_id\\":\\"d\\",\\"session_id\\":\\"sess-1\\"}"},
         "context_management":{"edits":[]},"stream":true}
        """
        let plain = try translate(body)
        XCTAssertEqual(plain["max_tokens"] as? Int, 32_000, "clamped to the catalog cap")
        XCTAssertEqual(plain["temperature"] as? Int, 0)
        XCTAssertEqual(plain["top_p"] as? Int, 1)
        XCTAssertEqual(plain["stop"] as? [String], ["END"])
        XCTAssertNil(plain["user"])
        XCTAssertNil(plain["top_k"])
        XCTAssertNil(plain["metadata"])
        XCTAssertNil(plain["context_management"])

        let quirky = try translate(body, TestContexts.openAI(
            ["top_p_below_one", "temperature_open_unit", "accepts_user", "prompt_cache_key", "no_stream_options", "max_completion_tokens"]))
        XCTAssertEqual(quirky["max_completion_tokens"] as? Int, 32_000)
        XCTAssertNil(quirky["max_tokens"])
        XCTAssertNil(quirky["temperature"], "max_completion_tokens models take default sampling")
        XCTAssertNil(quirky["top_p"])
        XCTAssertEqual(quirky["user"] as? String, "sess-1")
        XCTAssertEqual(quirky["prompt_cache_key"] as? String, "sess-1")
        XCTAssertNil(quirky["stream_options"])

        let minimax = try translate(body, TestContexts.openAI(["top_p_below_one", "temperature_open_unit", "reasoning_split"]))
        XCTAssertEqual(minimax["temperature"] as? Double, 0.01)
        XCTAssertNil(minimax["top_p"], "GLM rejects top_p >= 1")
        XCTAssertEqual(minimax["reasoning_split"] as? Bool, true)

        let session = try translate(body, TestContexts.openAI(["prompt_cache_key"], session: "header-session"))
        XCTAssertEqual(session["prompt_cache_key"] as? String, "header-session")
        let uncapped = try translate(body, TestContexts.openAI(maxOutputTokens: nil))
        XCTAssertEqual(uncapped["max_tokens"] as? Int, 128_000)
    }

    func testThinkingSwitches() throws {
        let enabled = #"{"messages":[{"role":"user","content":"x"}],"thinking":{"type":"enabled","budget_tokens":31999},"stream":true,"tools":[{"name":"A","input_schema":{}}]}"#
        let disabled = #"{"messages":[{"role":"user","content":"x"}],"thinking":{"type":"disabled"}}"#
        let adaptive = #"{"messages":[{"role":"user","content":"x"}],"thinking":{"type":"adaptive"},"output_config":{"effort":"low"}}"#
        XCTAssertEqual(try translate(enabled, TestContexts.openAI(thinking: .thinkingType))["thinking"] as? NSDictionary, ["type": "enabled"])
        XCTAssertEqual(try translate(disabled, TestContexts.openAI(thinking: .thinkingType))["thinking"] as? NSDictionary, ["type": "disabled"])
        XCTAssertEqual(try translate(enabled, TestContexts.openAI(thinking: .enableThinking))["enable_thinking"] as? Bool, true)
        XCTAssertEqual(try translate(enabled, TestContexts.openAI(thinking: .reasoningEffort))["reasoning_effort"] as? String, "high")
        XCTAssertEqual(try translate(adaptive, TestContexts.openAI(thinking: .reasoningEffort))["reasoning_effort"] as? String, "low")
        XCTAssertNil(try translate(enabled)["thinking"], "no switch: nothing sent")
        XCTAssertEqual(try translate(adaptive, TestContexts.openAI(["thinking_requires_stream"], thinking: .enableThinking))["enable_thinking"] as? Bool,
                       false, "a non-streaming request cannot have thinking on such providers")
        XCTAssertEqual(try translate(enabled, TestContexts.openAI(["tool_stream"]))["tool_stream"] as? Bool, true)
        XCTAssertNil(try translate(disabled, TestContexts.openAI(["tool_stream"]))["tool_stream"])
    }

    func testErrorsNameTheField() {
        func message(_ json: String) -> String? {
            do {
                _ = try AnthropicToOpenAIRequest.translate(Array(json.utf8), context: TestContexts.openAI())
                return nil
            } catch {
                return error.description
            }
        }
        XCTAssertEqual(message(#"{"messages":{}}"#), "messages must be an array")
        XCTAssertEqual(message(#"{}"#), "messages is required")
        XCTAssertEqual(message(#"{"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"},{"role":"user","content":[{"type":"foo"}]}]}"#),
                       "messages[2].content[0].type 'foo' is not a known block type")
        XCTAssertEqual(message(#"{"messages":[{"role":"robot","content":"a"}]}"#), "messages[0].role 'robot' must be user, assistant or system")
        XCTAssertEqual(message(#"{"messages":[],"max_tokens":"lots"}"#), "max_tokens must be a positive integer")
        XCTAssertEqual(message(#"{"messages":[],"max_tokens":0}"#), "max_tokens must be a positive integer")
        XCTAssertEqual(message(#"{"messages":[{"role":"user","content":[{"type":"image","source":{"type":"file"}}]}]}"#),
                       "messages[0].content[0].source.type 'file' must be base64 or url")
        XCTAssertTrue(message("{\"messages\":[") ?? "" != "")
    }

    func testAllCapturesPassTheStrictSchemaCheck() throws {
        let captures = try Fixtures.captures()
        XCTAssertEqual(captures.count, 5)
        let contexts = [
            TestContexts.openAI(),
            TestContexts.openAI(["reasoning_roundtrip", "accepts_user", "prompt_cache_key"], thinking: .reasoningEffort),
            TestContexts.openAI(["system_role_rejected", "max_completion_tokens"]),
        ]
        for capture in captures {
            for context in contexts {
                let out = try AnthropicToOpenAIRequest.translate(capture.body, context: context)
                var checker = OpenAISchemaChecker()
                if context.quirks.reasoningRoundtrip { checker.allowedExtensions.insert("reasoning_content") }
                XCTAssertEqual(checker.problems(out.body), [], capture.name)
                XCTAssertFalse(out.body.text.contains("x-anthropic-billing-header"), capture.name)
                XCTAssertFalse(out.body.text.contains("cache_control"), capture.name)
                let object = try JSONTestSupport.object(out.body)
                XCTAssertLessThanOrEqual((object["max_tokens"] ?? object["max_completion_tokens"]) as? Int ?? .max, 32_000)
            }
        }
    }
}
