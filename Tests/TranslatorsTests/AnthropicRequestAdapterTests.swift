import Foundation
import RouteModel
import XCTest
@testable import Translators

final class AnthropicRequestAdapterTests: XCTestCase {
    func testAdaptsOnlyWhatTheUpstreamNeeds() throws {
        let capture = try Fixtures.capture("02-bash-tool-loop-turn2")
        let context = UpstreamContext(
            upstreamModel: "glm-4.6", maxOutputTokens: 32_000,
            quirks: ProviderQuirks(flags: ["system_role_rejected", "tool_choice_auto_none_only"]), inboundModel: "claude-opus-5-5"
        )
        let out = try JSONTestSupport.object(AnthropicRequestAdapter.adapt(capture.body, context: context))
        let original = try JSONTestSupport.object(capture.body)
        XCTAssertEqual(out["model"] as? String, "glm-4.6")
        XCTAssertEqual(out["max_tokens"] as? Int, 32_000)
        let system = try XCTUnwrap(out["system"] as? [[String: Any]])
        XCTAssertFalse((system.first?["text"] as? String ?? "").hasPrefix("x-anthropic-billing-header"))
        XCTAssertTrue((system.last?["text"] as? String ?? "").hasPrefix("# Environment"), "the system-role message moved into system")
        let messages = try XCTUnwrap(out["messages"] as? [[String: Any]])
        XCTAssertFalse(messages.contains { $0["role"] as? String == "system" })
        XCTAssertEqual(messages.count, (original["messages"] as? [Any])?.count.advanced(by: -1))
        XCTAssertEqual(out["tools"] as? NSArray, original["tools"] as? NSArray, "everything else is copied")

        var anthropic = context
        anthropic.upstreamIsAnthropicAPI = true
        anthropic.quirks = ProviderQuirks()
        let kept = try JSONTestSupport.object(AnthropicRequestAdapter.adapt(capture.body, context: anthropic))
        XCTAssertEqual(kept["system"] as? NSArray, original["system"] as? NSArray)
        XCTAssertEqual(kept["messages"] as? NSArray, original["messages"] as? NSArray)
    }

    func testUnsignedThinkingIsDroppedOnlyForAnthropicsAPI() throws {
        let body = Array("""
        {"model":"m","messages":[{"role":"user","content":"q"},
          {"role":"assistant","content":[{"type":"thinking","thinking":"from glm","signature":""},{"type":"text","text":"a"}]},
          {"role":"assistant","content":[{"type":"thinking","thinking":"real","signature":"abc"}]}]}
        """.utf8)
        var context = UpstreamContext(upstreamModel: "claude-sonnet-4-5", inboundModel: "claude-sonnet-4-5")
        context.upstreamIsAnthropicAPI = true
        let out = try JSONTestSupport.object(AnthropicRequestAdapter.adapt(body, context: context))
        let messages = try XCTUnwrap(out["messages"] as? [[String: Any]])
        XCTAssertEqual((messages[1]["content"] as? [[String: Any]])?.map { $0["type"] as? String }, ["text"])
        XCTAssertEqual((messages[2]["content"] as? [[String: Any]])?.first?["signature"] as? String, "abc")
        context.upstreamIsAnthropicAPI = false
        let other = try JSONTestSupport.object(AnthropicRequestAdapter.adapt(body, context: context))
        XCTAssertEqual(((other["messages"] as? [[String: Any]])?[1]["content"] as? [Any])?.count, 2)
    }
}
