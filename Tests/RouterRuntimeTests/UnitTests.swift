import NIOCore
import RouteModel
import Translators
import XCTest
@testable import RouterRuntime

/// The small pure pieces of the request path.
final class UnitTests: XCTestCase {
    /// Same-format streams pass through whole events only, whatever the chunking, so that an
    /// error event appended after a cut never lands inside an event.
    func testPassthroughForwardsOnlyWholeEventsAcrossArbitrarySplits() {
        let stream = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":7}}}\n\nevent: ping\r\ndata: {}\r\n\r\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"
        let bytes = Array(stream.utf8)
        let context = UpstreamContext(upstreamModel: "m", inboundModel: "m")
        for split in 1..<bytes.count {
            var translator = StreamTranslator(from: .anthropic, to: .anthropic, context: context)
            var out: [UInt8] = []
            for part in [bytes[..<split], bytes[split...]] {
                out += translator.feed(part)
                XCTAssertTrue(out.isEmpty || out.suffix(2) == [0x0A, 0x0A] || out.suffix(2) == [0x0D, 0x0A], "split \(split)")
            }
            out += translator.finish()
            XCTAssertEqual(String(decoding: out, as: UTF8.self), stream, "split \(split)")
            XCTAssertNil(translator.upstreamError)
            XCTAssertEqual(translator.tokenUsage?.inputTokens, 7)
        }
    }

    func testPassthroughCutMidEventEndsWithAWholeErrorEvent() {
        let context = UpstreamContext(upstreamModel: "m", inboundModel: "m")
        var translator = StreamTranslator(from: .anthropic, to: .anthropic, context: context)
        var out = translator.feed(Array("event: message_start\ndata: {\"type\":\"message_start\"}\n\nevent: content_block_delta\ndata: {\"ty".utf8))
        out += translator.finish()
        let text = String(decoding: out, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("event: message_start\ndata: {\"type\":\"message_start\"}\n\nevent: error\n"), text)
        XCTAssertFalse(text.contains("\"ty\n"), text)
        XCTAssertNotNil(translator.upstreamError)

        var openAI = StreamTranslator(from: .openai, to: .openai, context: context)
        _ = openAI.feed(Array("data: {\"error\":{\"message\":\"boom\"}}\n\n".utf8))
        XCTAssertEqual(openAI.upstreamError, "boom")
        XCTAssertFalse(openAI.emittedContent)
    }

    func testFailureClasses() {
        for status in [401, 403, 408, 429, 500, 502, 503, 504, 529] {
            XCTAssertTrue(FailureClassifier.isRetryable(status: status, errorType: nil, message: "x"), "\(status)")
        }
        for status in [400, 404, 413, 422] {
            XCTAssertFalse(FailureClassifier.isRetryable(status: status, errorType: "invalid_request_error", message: "bad"), "\(status)")
        }
        XCTAssertTrue(FailureClassifier.isRetryable(status: 400, errorType: "invalid_request_error", message: "prompt is too long: 250000 tokens > 200000 maximum"))
        XCTAssertTrue(FailureClassifier.isRetryable(status: 400, errorType: nil, message: "This model's maximum context length is 128000 tokens"))
        XCTAssertTrue(FailureClassifier.isRetryable(status: 400, errorType: "context_length_exceeded", message: "x"))
        XCTAssertEqual(FailureClassifier.scope(status: 401), .key)
        XCTAssertEqual(FailureClassifier.scope(status: 429), .keyAndModel)
        XCTAssertEqual(FailureClassifier.scope(status: 503), .target)
    }

    func testBetaFilter() {
        XCTAssertEqual(HeaderPolicy.filteredBetas(["a", " b", "c "], rejected: ["b"]), "a,c")
        XCTAssertNil(HeaderPolicy.filteredBetas(["a"], rejected: ["*"]))
        XCTAssertNil(HeaderPolicy.filteredBetas(["a"], rejected: ["a"]))
    }

    func testLoopbackDetection() {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "::1"] { XCTAssertTrue(BindPolicy.isLoopback(host), host) }
        for host in ["0.0.0.0", "192.168.1.2", "::", "example.com", "127.0.0"] { XCTAssertFalse(BindPolicy.isLoopback(host), host) }
    }

    func testConstantTimeCompare() {
        XCTAssertTrue(ClientAuthenticator.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        XCTAssertFalse(ClientAuthenticator.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(ClientAuthenticator.constantTimeEqual([1, 2], [1, 2, 3]))
    }

    func testErrorBodiesInBothFormats() {
        let descriptor = RouterError.unknownModel("x\"y").descriptor
        XCTAssertEqual(
            ErrorRendering.body(descriptor, format: .anthropic, requestID: "req_1"),
            #"{"type":"error","error":{"type":"not_found_error","message":"unknown model 'x\"y'; GET /v1/models lists the models you may use"},"request_id":"req_1"}"#
        )
        XCTAssertEqual(
            ErrorRendering.body(descriptor, format: .openai, requestID: "req_1"),
            #"{"error":{"message":"unknown model 'x\"y'; GET /v1/models lists the models you may use","type":"invalid_request_error","code":"model_not_found"},"request_id":"req_1"}"#
        )
    }

    func testShapeCheck() {
        func problem(_ json: String, _ endpoint: InboundEndpoint = .messages) -> String? {
            guard let peek = try? RequestPeek.parse(Array(json.utf8), protocol: endpoint.format) else { return "not JSON" }
            return RequestShapeCheck.problem(in: peek, endpoint: endpoint)
        }
        XCTAssertNil(problem(#"{"model":"m","max_tokens":5,"messages":[{"content":"}{"}]}"#))
        XCTAssertNotNil(problem(#"{"model":"m","max_tokens":0,"messages":[]}"#))
        XCTAssertNotNil(problem(#"{"model":"m","max_tokens":"5","messages":[]}"#))
        XCTAssertNotNil(problem(#"{"model":"m","messages":[]}"#))
        XCTAssertNil(problem(#"{"model":"m","messages":[]}"#, .chatCompletions))
        XCTAssertNil(problem(#"{"model":"m","messages":[]}"#, .countTokens))
        XCTAssertNotNil(problem(#"{"model":"m","max_tokens":5}"#))
        XCTAssertEqual(problem(#"{"model":"m","max_tokens":-3,"messages":[]}"#), "max_tokens: must be a positive integer, got -3")
        XCTAssertEqual(problem(#"{"model":"m","max_tokens":2.5,"messages":[]}"#), "max_tokens: must be a positive integer, got 2.5")
    }
}
