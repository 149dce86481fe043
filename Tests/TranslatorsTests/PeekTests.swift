import Foundation
import RouteModel
import XCTest
@testable import Translators

final class PeekTests: XCTestCase {
    func testAnthropicPeekOfRealCaptures() throws {
        let first = try Fixtures.capture("01")
        let sayHi = try RequestPeek.parse(first.body, protocol: .anthropic)
        XCTAssertEqual(sayHi.model, try JSONTestSupport.object(first.body)["model"] as? String)
        XCTAssertNotNil(sayHi.model)
        XCTAssertTrue(sayHi.stream)
        XCTAssertFalse(sayHi.features.latestUserText.contains("<system-reminder>"))
        XCTAssertFalse(sayHi.features.latestUserText.isEmpty)
        XCTAssertTrue(sayHi.features.toolNames.contains("Bash"))
        XCTAssertNotNil(sayHi.features.sessionID)
        XCTAssertGreaterThan(sayHi.features.estimatedInputTokens, 5_000)

        let loop = try Fixtures.capture("02-bash-tool-loop-turn2")
        let loopPeek = try RequestPeek.parse(loop.body, protocol: .anthropic)
        XCTAssertEqual(loopPeek.features.sessionID, loop.headers["X-Claude-Code-Session-Id"])
        XCTAssertTrue(loopPeek.features.wantsThinking, "adaptive thinking counts as thinking")
        XCTAssertEqual(loopPeek.features.latestUserText, "", "a user turn of only tool_result has no words")

        let image = try RequestPeek.parse(Fixtures.capture("03-thinking-image-tool-result-turn2").body, protocol: .anthropic)
        XCTAssertTrue(image.features.hasImage, "the image inside a tool_result counts")
        XCTAssertTrue(image.features.wantsThinking)
    }

    func testAnthropicLatestUserTextDropsRemindersAndToolResults() throws {
        let body = """
        {"model":"m","messages":[
          {"role":"user","content":"old words"},
          {"role":"assistant","content":"ok"},
          {"role":"user","content":[
            {"type":"tool_result","tool_use_id":"t","content":"ultrathink in a tool result"},
            {"type":"text","text":"<system-reminder>ignore ultrathink</system-reminder>please ultrathink"},
            {"type":"text","text":"second \\u00e9 block"}
          ]}],
         "tools":[{"name":"Bash","input_schema":{}},{"type":"web_search_20250305","name":"web_search"}],
         "metadata":{"user_id":"user_abc_account_x_session_1234"},
         "stream":false}
        """
        let peek = try RequestPeek.parse(JSONTestSupport.bytes(body), protocol: .anthropic)
        XCTAssertEqual(peek.features.latestUserText, "please ultrathink\nsecond é block")
        XCTAssertEqual(peek.features.toolNames, ["Bash", "web_search"])
        XCTAssertEqual(peek.features.sessionID, "1234")
        XCTAssertFalse(peek.stream)
        XCTAssertFalse(peek.features.hasImage)
        XCTAssertFalse(peek.features.wantsThinking)
    }

    func testOpenAIPeek() throws {
        let body = """
        {"model":"gpt-x","stream":true,"reasoning_effort":"high",
         "messages":[{"role":"system","content":"s"},
          {"role":"user","content":[{"type":"text","text":"look <system-reminder>x</system-reminder>here"},
            {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}],
         "tools":[{"type":"function","function":{"name":"get_weather","parameters":{}}}]}
        """
        let peek = try RequestPeek.parse(JSONTestSupport.bytes(body), protocol: .openai)
        XCTAssertEqual(peek.model, "gpt-x")
        XCTAssertTrue(peek.stream)
        XCTAssertTrue(peek.features.hasImage)
        XCTAssertTrue(peek.features.wantsThinking)
        XCTAssertEqual(peek.features.latestUserText, "look here")
        XCTAssertEqual(peek.features.toolNames, ["get_weather"])
    }

    func testPeekRejectsWhatIsNotARequest() {
        XCTAssertThrowsError(try RequestPeek.parse(JSONTestSupport.bytes("[1,2]"), protocol: .anthropic)) { error in
            XCTAssertEqual((error as? TranslationError)?.description, "request body must be a JSON object")
        }
        XCTAssertThrowsError(try RequestPeek.parse(JSONTestSupport.bytes(#"{"messages":{}}"#), protocol: .openai)) { error in
            XCTAssertEqual((error as? TranslationError)?.description, "messages must be an array")
        }
        XCTAssertThrowsError(try RequestPeek.parse(JSONTestSupport.bytes(#"{"model":"a""#), protocol: .openai)) { error in
            guard case .invalidJSON = error as? TranslationError else { return XCTFail("\(error)") }
        }
    }
}
