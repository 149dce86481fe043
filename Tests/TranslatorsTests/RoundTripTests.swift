import Foundation
import RouteModel
import XCTest
@testable import Translators

final class RoundTripTests: XCTestCase {
    /// Anthropic capture → OpenAI request (what the OpenAI-protocol mock receives) → back to
    /// Anthropic: tool ids, tool inputs, thinking (via reasoning_content) and images survive.
    func testCapturesSurviveTheRoundTrip() throws {
        let context = TestContexts.openAI(["reasoning_roundtrip"])
        for capture in try Fixtures.captures() {
            let openAI = try AnthropicToOpenAIRequest.translate(capture.body, context: context)
            let back = try JSONTestSupport.object(OpenAIToAnthropicRequest.translate(openAI.body, context: context).body)
            let original = try JSONTestSupport.object(capture.body)
            XCTAssertEqual(summary(original), summary(back), capture.name)
        }
    }

    /// What must survive: tool_use (id, name, input), tool_result ids, thinking on tool turns, images.
    private func summary(_ request: [String: Any]) -> [String] {
        var items: [String] = []
        for message in request["messages"] as? [[String: Any]] ?? [] {
            guard let blocks = message["content"] as? [[String: Any]] else { continue }
            for block in blocks {
                switch block["type"] as? String {
                case "tool_use":
                    let input = (try? JSONSerialization.data(withJSONObject: block["input"] ?? [:], options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) }
                    items.append("tool_use \(block["id"] ?? "") \(block["name"] ?? "") \(input ?? "")")
                case "tool_result":
                    items.append("tool_result \(block["tool_use_id"] ?? "")")
                    for inner in block["content"] as? [[String: Any]] ?? [] where inner["type"] as? String == "image" {
                        items.append("image \((inner["source"] as? [String: Any])?["data"] ?? "")")
                    }
                case "image":
                    items.append("image \((block["source"] as? [String: Any])?["data"] ?? "")")
                case "thinking":
                    items.append("thinking \(block["thinking"] ?? "")")
                default:
                    continue
                }
            }
        }
        return items.sorted()
    }

    func testStreamRoundTripKeepsToolCallsAndThinking() throws {
        // An OpenAI stream becomes Anthropic events; Claude Code would send them back as history.
        var stream = OpenAIToAnthropicStream(context: TestContexts.openAI())
        let events = StreamOutput.events(stream.feed(StreamFixtures.openAIToolStream) + stream.finish())
        let tools = events.compactMap { $0.json?["content_block"] as? [String: Any] }.filter { $0["type"] as? String == "tool_use" }
        let history = """
        {"messages":[{"role":"user","content":"go"},{"role":"assistant","content":[
          {"type":"thinking","thinking":"Let me think.","signature":""},
          {"type":"tool_use","id":"\(tools[0]["id"] ?? "")","name":"Bash","input":{"command":"ls"}},
          {"type":"tool_use","id":"\(tools[1]["id"] ?? "")","name":"Read","input":{"file_path":"/a"}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"\(tools[0]["id"] ?? "")","content":"x"},
                                    {"type":"tool_result","tool_use_id":"\(tools[1]["id"] ?? "")","content":"y"}]}]}
        """
        let request = try AnthropicToOpenAIRequest.translate(Array(history.utf8), context: TestContexts.openAI(["reasoning_roundtrip"]))
        var checker = OpenAISchemaChecker()
        checker.allowedExtensions = ["reasoning_content"]
        XCTAssertEqual(checker.problems(request.body), [])
        let messages = try XCTUnwrap(JSONTestSupport.object(request.body)["messages"] as? [[String: Any]])
        XCTAssertEqual(messages[1]["reasoning_content"] as? String, "Let me think.")
        XCTAssertEqual((messages[1]["tool_calls"] as? [[String: Any]])?.map { $0["id"] as? String }, ["call_a", "functions_Read_1"])
    }
}
