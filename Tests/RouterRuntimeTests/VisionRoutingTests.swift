import Foundation
import RouteCompiler
import RouteModel
import XCTest
@testable import RouterRuntime

/// Issue 14, "images anywhere": a model marked `vision: false` never gets an image to drop. An
/// image request skips it for a vision-capable target of the same attempt list, or fails with a
/// clear 400 in the caller's format before anything goes upstream; text requests are unaffected.
final class VisionRoutingTests: XCTestCase {
    var upstream: TestUpstream!
    var router: RouterHarness!

    override func setUp() async throws {
        upstream = try await TestUpstream.start()
        router = try await RouterHarness.start(yaml: """
        version: 1
        providers:
          p:
            protocol: anthropic
            base_url: http://127.0.0.1:\(upstream.port)
            keys: [env:TEST_ANTHROPIC_KEY]
            models:
              m-text: {vision: false}
              m-text2: {vision: false}
              m-eye: ~
        models:
          ordered:
            members: {p/m-text: 1}
            fallback: [p/m-eye]
          split:
            members: {p/m-text: 1, p/m-eye: 1}
          blind:
            members: {p/m-text: 1}
            fallback: [p/m-text2]
        """)
    }

    override func tearDown() async throws {
        try await router.stop()
        upstream.stop()
    }

    static let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="

    /// An Anthropic request whose image sits inside a `tool_result` (Claude Code's Read tool).
    static func anthropicImage(model: String, stream: Bool = false) -> String {
        #"{"model":"\#(model)","max_tokens":64,"stream":\#(stream),"messages":[{"role":"user","content":"read it"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Read","input":{"file_path":"a.png"}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"\#(png)"}}]}]}]}"#
    }

    static func openAIImage(model: String, stream: Bool = false) -> String {
        #"{"model":"\#(model)","stream":\#(stream),"messages":[{"role":"user","content":[{"type":"text","text":"what is this?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,\#(png)"}}]}]}"#
    }

    private func upstreamModels() -> [String] {
        upstream.recorded.compactMap { request in
            (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])?["model"] as? String
        }
    }

    func testAnImageSkipsTheTextOnlyMemberForTheVisionOne() async throws {
        for stream in [false, true] {
            let reply = try await router.send("/v1/messages", json: Self.anthropicImage(model: "ordered", stream: stream))
            XCTAssertEqual(reply.status, 200, reply.text)
            XCTAssertEqual(reply.header("x-router-target"), "p/m-eye")
            XCTAssertEqual(reply.header("x-router-attempts"), "p/m-eye:200", "the text-only member is not tried")
        }
        let openAI = try await router.send("/v1/chat/completions", headers: RouterHarness.openAIHeaders(), json: Self.openAIImage(model: "ordered"))
        XCTAssertEqual(openAI.status, 200, openAI.text)
        XCTAssertEqual(openAI.header("x-router-target"), "p/m-eye")
        // The weighted rotation would hand every other request to the text-only member.
        for _ in 0..<4 {
            let reply = try await router.send("/v1/messages", json: Self.anthropicImage(model: "split"))
            XCTAssertEqual(reply.header("x-router-attempts"), "p/m-eye:200")
        }
        XCTAssertEqual(Set(upstreamModels()), ["m-eye"], "no image ever reached a text-only model")
    }

    func testATextRequestStillUsesTheTextOnlyMember() async throws {
        let reply = try await router.send("/v1/messages", json: Bodies.anthropic(model: "ordered"))
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.header("x-router-attempts"), "p/m-text:200")
        let direct = try await router.send("/v1/messages", json: Bodies.anthropic(model: "p/m-text2", stream: true))
        XCTAssertEqual(direct.status, 200, direct.text)
        XCTAssertEqual(direct.header("x-router-target"), "p/m-text2")
    }

    func testOnlyTextOnlyTargetsAnswerAClear400InTheCallersFormat() async throws {
        for stream in [false, true] {
            let reply = try await router.send("/v1/messages", json: Self.anthropicImage(model: "blind", stream: stream))
            XCTAssertEqual(reply.status, 400, reply.text)
            XCTAssertEqual(reply.json["type"] as? String, "error")
            XCTAssertEqual(reply.errorType, "invalid_request_error")
            XCTAssertTrue(reply.errorMessage.contains("p/m-text, p/m-text2 cannot see images"), reply.errorMessage)
            XCTAssertTrue(reply.errorMessage.contains("image: true"), reply.errorMessage)
        }
        let openAI = try await router.send("/v1/chat/completions", headers: RouterHarness.openAIHeaders(), json: Self.openAIImage(model: "p/m-text"))
        XCTAssertEqual(openAI.status, 400, openAI.text)
        XCTAssertEqual(openAI.errorType, "invalid_request_error")
        XCTAssertEqual((openAI.json["error"] as? [String: Any])?["code"] as? String, "image_not_supported")
        XCTAssertTrue(openAI.errorMessage.contains("p/m-text cannot see images"), openAI.errorMessage)
        XCTAssertTrue(upstream.recorded.isEmpty, "nothing was sent upstream")

        let after = try await router.send("/v1/messages", json: Bodies.anthropic(model: "blind"))
        XCTAssertEqual(after.status, 200, "the server keeps serving text requests")
    }

    /// `claude-router route --image` prints the same skips and the 400 the server would answer.
    func testTheExplanationShowsTheSkipAndThe400() throws {
        let table = try RouteCompiler.compileTable(routesYAML: """
        version: 1
        providers:
          p:
            protocol: anthropic
            base_url: http://127.0.0.1:9
            auth: none
            models: {m-text: {vision: false}, m-eye: ~}
        models:
          ordered: {members: {p/m-text: 1}, fallback: [p/m-eye]}
          blind: {members: {p/m-text: 1}}
        """)
        let explanation = DecisionExplanation(table: table, credentialState: { _ in "ok" }, usable: { _ in true })
        let decider = RouteDecider(table: table)
        let image = RequestFeatures(hasImage: true)
        let ordered = try XCTUnwrap(decider.decide(model: "ordered", features: image) { _, _, _ in 0 })
        let lines = explanation.lines(for: ordered, hasImage: true)
        XCTAssertTrue(lines.contains("  1. p/m-text  [anthropic, ok] → skipped (cannot see images)"), "\(lines)")
        XCTAssertTrue(lines.contains("  2. p/m-eye  [anthropic, ok]"), "\(lines)")
        XCTAssertFalse(lines.contains { $0.hasPrefix("result:") }, "\(lines)")
        XCTAssertFalse(explanation.lines(for: ordered).contains { $0.contains("skipped") }, "a text request skips nothing")
        let blind = try XCTUnwrap(decider.decide(model: "blind", features: image) { _, _, _ in 0 })
        XCTAssertTrue(explanation.lines(for: blind, hasImage: true).contains { $0.hasPrefix("result:   400 image_not_supported") })
    }
}
