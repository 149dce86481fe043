import XCTest
@testable import Translators

final class ModelRewriterTests: XCTestCase {
    func testReplacesOnlyTheTopLevelModel() throws {
        let body = #"{ "stream" : true, "model" : "claude-x", "metadata": {"model": "inner"}, "tail": "\u00e9" }"#
        let out = try ModelRewriter.rewrite(Array(body.utf8), model: "glm-4.6")
        XCTAssertEqual(String(decoding: out, as: UTF8.self),
                       #"{ "stream" : true, "model" : "glm-4.6", "metadata": {"model": "inner"}, "tail": "\u00e9" }"#)
    }

    func testEscapesTheNewModelAndRewritesDuplicates() throws {
        // The request path refuses such a body before this (a duplicate key is a 400); the
        // rewriter still covers every `model` of a document parsed without that check.
        let body = #"{"model":"a","x":1,"model":"b"}"#
        XCTAssertThrowsError(try ModelRewriter.rewrite(Array(body.utf8), model: "m"))
        let out = try ModelRewriter.rewrite(document: JSONDocument(Array(body.utf8), uniqueKeysToDepth: 0), model: "we\"ird")
        XCTAssertEqual(String(decoding: out, as: UTF8.self), #"{"model":"we\"ird","x":1,"model":"we\"ird"}"#)
    }

    func testInsertsAMissingModel() throws {
        XCTAssertEqual(String(decoding: try ModelRewriter.rewrite(Array("{}".utf8), model: "m"), as: UTF8.self), #"{"model":"m"}"#)
        XCTAssertEqual(String(decoding: try ModelRewriter.rewrite(Array(#" {"a":1}"#.utf8), model: "m"), as: UTF8.self),
                       #" {"model":"m","a":1}"#)
    }

    func testEveryOtherByteOfARealCaptureIsKept() throws {
        for capture in try Fixtures.captures() {
            let out = try ModelRewriter.rewrite(capture.body, model: "deepseek-v4-pro")
            let original = String(decoding: capture.body, as: UTF8.self)
            let oldModel = try XCTUnwrap(RequestPeek.parse(capture.body, protocol: .anthropic).model)
            let expected = original.replacingOccurrences(of: "\"model\":\"\(oldModel)\"", with: "\"model\":\"deepseek-v4-pro\"")
            XCTAssertEqual(String(decoding: out, as: UTF8.self), expected, capture.name)
        }
    }

    func testRejectsNonObjects() {
        XCTAssertThrowsError(try ModelRewriter.rewrite(Array("\"x\"".utf8), model: "m"))
        XCTAssertThrowsError(try ModelRewriter.rewrite(Array("{\"model\":".utf8), model: "m"))
    }
}
