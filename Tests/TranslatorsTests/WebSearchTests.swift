import Foundation
import XCTest
@testable import Translators

/// Claude Code's WebSearch server tool on OpenAI-protocol upstreams: the provider's own search
/// where the preset has one (DashScope `enable_search`), a clear refusal where it has none.
final class WebSearchTests: XCTestCase {
    /// What Claude Code's WebSearch tool sends.
    private let searchRequest = Array(#"""
    {"model":"claude-sonnet-4-5","max_tokens":32000,"stream":true,"messages":[{"role":"user","content":"Perform a web search for the query: swift 6.3 release"}],
     "tools":[{"type":"web_search_20250305","name":"web_search","max_uses":8}]}
    """#.utf8)

    func testDashScopeSearchIsAskedForAndNoToolIsSent() throws {
        let out = try JSONTestSupport.object(AnthropicToOpenAIRequest.translate(searchRequest, context: TestContexts.openAI(["enable_search"])).body)
        XCTAssertEqual(out["enable_search"] as? Bool, true)
        XCTAssertEqual(out["search_options"] as? NSDictionary, ["forced_search": true, "enable_source": true])
        XCTAssertNil(out["tools"])
    }

    func testATargetThatCannotSearchRefusesClearly() throws {
        XCTAssertThrowsError(try AnthropicToOpenAIRequest.translate(searchRequest, context: TestContexts.openAI())) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.contains("cannot search the web"), message)
            XCTAssertTrue(message.contains("tools_include"), message)
        }
        // Beside other tools the search tool is only left out: the conversation goes on.
        let mixed = Array(#"{"model":"m","max_tokens":10,"messages":[{"role":"user","content":"q"}],"tools":[{"type":"web_search_20250305","name":"web_search"},{"name":"Bash","input_schema":{"type":"object"}}]}"#.utf8)
        let out = try JSONTestSupport.object(AnthropicToOpenAIRequest.translate(mixed, context: TestContexts.openAI()).body)
        XCTAssertEqual((out["tools"] as? [[String: Any]])?.count, 1)
        XCTAssertNil(out["enable_search"])
    }

    private static let sources = #""search_info":{"search_results":[{"index":1,"title":"Swift 6.3 released","url":"https://swift.org/blog/6.3","site_name":"swift.org"},{"index":2,"url":"https://example.com/x"}]}"#

    private func checkBlocks(_ content: [[String: Any]]) throws {
        XCTAssertEqual(content.map { $0["type"] as? String }, ["server_tool_use", "web_search_tool_result", "text"])
        XCTAssertEqual(content[0]["name"] as? String, "web_search")
        XCTAssertEqual(content[1]["tool_use_id"] as? String, content[0]["id"] as? String)
        let results = try XCTUnwrap(content[1]["content"] as? [[String: Any]])
        XCTAssertEqual(results.map { $0["url"] as? String }, ["https://swift.org/blog/6.3", "https://example.com/x"])
        XCTAssertEqual(results.map { $0["title"] as? String }, ["Swift 6.3 released", "https://example.com/x"])
        XCTAssertEqual(results.first?["type"] as? String, "web_search_result")
    }

    func testSourcesBecomeWebSearchBlocks() throws {
        let body = #"{"id":"chatcmpl-s",\#(Self.sources),"choices":[{"index":0,"message":{"role":"assistant","content":"Swift 6.3 is out [1]."},"finish_reason":"stop"}]}"#
        let out = try JSONTestSupport.object(OpenAIToAnthropicResponse.translate(Array(body.utf8), context: TestContexts.openAI()))
        try checkBlocks(try XCTUnwrap(out["content"] as? [[String: Any]]))
        XCTAssertEqual(out["stop_reason"] as? String, "end_turn")
    }

    func testStreamedSourcesBecomeWebSearchBlocksWhateverTheChunking() throws {
        let stream = StreamFixtures.openAIFrames([
            StreamFixtures.chunk(#"{"role":"assistant","content":""}"#),
            #"{"id":"chatcmpl-1",\#(Self.sources),"choices":[]}"#,
            StreamFixtures.chunk(#"{"content":"Swift 6.3 "}"#),
            StreamFixtures.chunk(#"{"content":"is out."}"#, finish: "stop"),
            #"{"id":"chatcmpl-1",\#(Self.sources),"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":3}}"#,
        ])
        var whole = OpenAIToAnthropicStream(context: TestContexts.openAI())
        let out = whole.feed(stream) + whole.finish()
        XCTAssertEqual(AnthropicStreamChecker.problems(out), [])
        let events = StreamOutput.events(out)
        var blocks: [[String: Any]] = []
        for event in events {
            if var block = event.json?["content_block"] as? [String: Any] {
                if block["type"] as? String == "text" { block["text"] = "" }
                blocks.append(block)
            }
            if let text = (event.json?["delta"] as? [String: Any])?["text"] as? String { blocks[blocks.count - 1]["text"] = (blocks.last?["text"] as? String ?? "") + text }
        }
        try checkBlocks(blocks)
        XCTAssertEqual(blocks.last?["text"] as? String, "Swift 6.3 is out.", "sources repeated later are not sent twice")
        for cut in stride(from: 0, through: stream.count, by: 7) {
            var split = OpenAIToAnthropicStream(context: TestContexts.openAI())
            XCTAssertEqual(split.feed(stream[..<cut]) + split.feed(stream[cut...]) + split.finish(), out, "split at \(cut)")
        }
    }
}
