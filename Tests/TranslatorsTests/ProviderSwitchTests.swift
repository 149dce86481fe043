import Foundation
import RouteModel
import XCTest
@testable import Translators

/// A conversation that moves between providers: what one provider's model left in the history
/// never makes the next request fail.
final class ProviderSwitchTests: XCTestCase {
    private let verifying = UpstreamContext(
        upstreamModel: "claude-x", quirks: ProviderQuirks(flags: ["verifies_thinking_signatures"]), inboundModel: "claude-sonnet-4-5"
    )

    /// Claude Code's history after an OpenAI-protocol turn (unsigned thinking, tool call) and an
    /// Anthropic one (signed thinking), now answering the last tool call, thinking on.
    private func history(lastTurnSigned: Bool) -> [UInt8] {
        let lastThinking = lastTurnSigned ? #"{"type":"thinking","thinking":"mine","signature":"sig-1"},"# : #"{"type":"thinking","thinking":"theirs","signature":""},"#
        return Array("""
        {"model":"claude-sonnet-4-5","max_tokens":100,"thinking":{"type":"enabled","budget_tokens":1024},"stream":true,"messages":[
          {"role":"user","content":"go"},
          {"role":"assistant","content":[{"type":"thinking","thinking":"deepseek reasoning","signature":""},{"type":"tool_use","id":"t1","name":"Bash","input":{}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok"}]},
          {"role":"assistant","content":[{"type":"thinking","thinking":"only thoughts","signature":""}]},
          {"role":"user","content":"next"},
          {"role":"assistant","content":[\(lastThinking){"type":"tool_use","id":"t2","name":"Read","input":{}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"t2","content":"file"}]}]}
        """.utf8)
    }

    func testUnsignedThinkingLeavesRequestsToVerifyingUpstreamsAndToolTurnsStayValid() throws {
        let signed = try JSONTestSupport.object(AnthropicRequestAdapter.adapt(history(lastTurnSigned: true), context: verifying))
        let messages = try XCTUnwrap(signed["messages"] as? [[String: Any]])
        let types = messages.map { ($0["content"] as? [[String: Any]])?.map { $0["type"] as? String ?? "?" } ?? ["string"] }
        XCTAssertEqual(types, [["string"], ["tool_use"], ["tool_result"], ["text"], ["string"], ["thinking", "tool_use"], ["tool_result"]])
        XCTAssertNotNil(signed["thinking"], "the signed tool turn keeps thinking on")
        XCTAssertEqual((messages[5]["content"] as? [[String: Any]])?.first?["signature"] as? String, "sig-1")

        let unsigned = try JSONTestSupport.object(AnthropicRequestAdapter.adapt(history(lastTurnSigned: false), context: verifying))
        XCTAssertNil(unsigned["thinking"], "a tool turn that lost its thinking needs thinking off")
        XCTAssertEqual(unsigned["max_tokens"] as? Int, 100)
        XCTAssertEqual(((unsigned["messages"] as? [[String: Any]])?[5]["content"] as? [[String: Any]])?.map { $0["type"] as? String }, ["tool_use"])
    }

    func testUpstreamsThatDoNotVerifyGetTheHistoryUnchanged() throws {
        let plain = UpstreamContext(upstreamModel: "glm-4.6", inboundModel: "claude-sonnet-4-5")
        let body = history(lastTurnSigned: false)
        let out = try AnthropicRequestAdapter.adapt(body, context: plain)
        XCTAssertEqual(try JSONTestSupport.object(out) as NSDictionary,
                       (try JSONTestSupport.object(body).merging(["model": "glm-4.6"]) { $1 }) as NSDictionary)
    }

    func testOpenAIClientReasoningIsNotSentToVerifyingUpstreams() throws {
        let request = #"{"model":"m","messages":[{"role":"user","content":"go"},{"role":"assistant","content":null,"reasoning_content":"r","tool_calls":[{"id":"c1","type":"function","function":{"name":"B","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c1","content":"ok"}]}"#
        var context = verifying
        context.quirks.reasoningRoundtrip = true
        let out = try JSONTestSupport.object(OpenAIToAnthropicRequest.translate(Array(request.utf8), context: context).body)
        XCTAssertEqual(((out["messages"] as? [[String: Any]])?[1]["content"] as? [[String: Any]])?.map { $0["type"] as? String }, ["tool_use"])
        context.quirks.verifiesThinkingSignatures = false
        let kept = try JSONTestSupport.object(OpenAIToAnthropicRequest.translate(Array(request.utf8), context: context).body)
        XCTAssertEqual(((kept["messages"] as? [[String: Any]])?[1]["content"] as? [[String: Any]])?.map { $0["type"] as? String }, ["thinking", "tool_use"])
    }

    func testAnthropicThinkingGoesToOpenAIUpstreamsAsReasoningOnToolTurnsOrNotAtAll() throws {
        let body = history(lastTurnSigned: true)
        let deepseek = TestContexts.openAI(["reasoning_roundtrip"], thinking: .thinkingType)
        let out = try JSONTestSupport.object(AnthropicToOpenAIRequest.translate(body, context: deepseek).body)
        let assistants = (out["messages"] as? [[String: Any]] ?? []).filter { $0["role"] as? String == "assistant" }
        XCTAssertEqual(assistants.filter { $0["tool_calls"] != nil }.map { $0["reasoning_content"] as? String }, ["deepseek reasoning", "mine"])
        XCTAssertEqual(assistants.filter { $0["tool_calls"] == nil }.compactMap { $0["reasoning_content"] }.count, 0, "tool-call turns only")
        let plain = try JSONTestSupport.object(AnthropicToOpenAIRequest.translate(body, context: TestContexts.openAI()).body)
        XCTAssertFalse(try XCTUnwrap(String(data: JSONSerialization.data(withJSONObject: plain), encoding: .utf8)).contains("reasoning_content"))
    }
}
