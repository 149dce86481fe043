import NIOCore
import RouteModel
import XCTest
@testable import RouterRuntime

/// The small pure pieces of the request path.
final class UnitTests: XCTestCase {
    func testFramerForwardsOnlyWholeEventsAcrossArbitrarySplits() {
        let stream = "event: message_start\ndata: {\"a\":1}\n\nevent: ping\r\ndata: {}\r\n\r\nevent: message_stop\ndata: {}\n\n"
        let bytes = Array(stream.utf8)
        for split in 1..<bytes.count {
            var framer = SSEFramer(format: .anthropic)
            var out = ""
            for part in [bytes[..<split], bytes[split...]] {
                if let complete = framer.feed(ByteBuffer(bytes: part)) { out += String(buffer: complete) }
                // Whatever went out ends at an event boundary.
                XCTAssertTrue(out.isEmpty || Array(out.utf8).suffix(2) == [0x0A, 0x0A] || Array(out.utf8).suffix(2) == [0x0D, 0x0A], "split \(split)")
            }
            XCTAssertEqual(out, stream, "split \(split)")
            XCTAssertEqual(framer.eventCount, 3)
            XCTAssertEqual(framer.firstEvent, .init(name: "message_start", data: "{\"a\":1}"))
            XCTAssertTrue(framer.sawTerminal)
            XCTAssertFalse(framer.hasPartialEvent)
        }
    }

    func testFramerSpotsErrorsAndTheOpenAITerminal() {
        var anthropic = SSEFramer(format: .anthropic)
        _ = anthropic.feed(ByteBuffer(string: "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"x\"}}\n\n"))
        XCTAssertTrue(anthropic.sawError)
        XCTAssertFalse(anthropic.sawTerminal)

        var openAI = SSEFramer(format: .openai)
        _ = openAI.feed(ByteBuffer(string: "data: {\"error\":{\"message\":\"boom\"}}\n\n"))
        XCTAssertTrue(openAI.sawError)
        var done = SSEFramer(format: .openai)
        _ = done.feed(ByteBuffer(string: "data: {\"choices\":[]}\n\ndata: [DONE]\n\n"))
        XCTAssertTrue(done.sawTerminal)
        XCTAssertFalse(done.sawError)
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
            Array(json.utf8).withUnsafeBytes { RequestShapeCheck.problem(in: $0, endpoint: endpoint) }
        }
        XCTAssertNil(problem(#"{"model":"m","max_tokens":5,"messages":[{"content":"}{"}]}"#))
        XCTAssertNotNil(problem(#"{"model":"m","max_tokens":0,"messages":[]}"#))
        XCTAssertNotNil(problem(#"{"model":"m","max_tokens":"5","messages":[]}"#))
        XCTAssertNotNil(problem(#"{"model":"m","messages":[]}"#))
        XCTAssertNil(problem(#"{"model":"m","messages":[]}"#, .chatCompletions))
        XCTAssertNil(problem(#"{"model":"m","messages":[]}"#, .countTokens))
        XCTAssertNotNil(problem(#"{"model":"m","max_tokens":5}"#))
    }
}
