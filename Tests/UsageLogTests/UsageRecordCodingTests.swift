import Foundation
import UsageLog
import XCTest

final class UsageRecordCodingTests: XCTestCase {
    private func sample() -> UsageRecord {
        UsageRecord(
            timestampMilliseconds: 1_796_150_250_123, requestID: "req_1", client: "laptop", inbound: .anthropic,
            modelRequested: "claude-sonnet-4-5", route: "smart", target: "glm/glm-4.6",
            attempts: [.init(target: "kimi/kimi-k2.5", status: 429), .init(target: "glm/glm-4.6", status: 200)],
            status: 200, error: nil, stream: true, inputTokens: 1200, outputTokens: 300, cacheReadTokens: 0,
            cacheWriteTokens: 50, reasoningTokens: nil, ttftMilliseconds: 312, durationMilliseconds: 2045, bytesOut: 8123
        )
    }

    func testLineRoundTripsAndEndsWithOneNewline() throws {
        let line = sample().jsonLine
        XCTAssertEqual(line.last, 0x0A)
        XCTAssertEqual(line.filter { $0 == 0x0A }.count, 1)
        XCTAssertEqual(try UsageRecord(jsonLine: line), sample())
    }

    func testLineIsValidJSONWithTheDocumentedFields() throws {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(sample().jsonLine)) as? [String: Any])
        XCTAssertEqual(object["v"] as? Int, 2)
        XCTAssertEqual(object["ts"] as? String, "2026-12-01T18:37:30.123Z")
        XCTAssertEqual(object["request_id"] as? String, "req_1")
        XCTAssertEqual(object["inbound"] as? String, "anthropic")
        XCTAssertEqual(object["model_requested"] as? String, "claude-sonnet-4-5")
        XCTAssertEqual(object["route"] as? String, "smart")
        XCTAssertEqual(object["target"] as? String, "glm/glm-4.6")
        let attempts = try XCTUnwrap(object["attempts"] as? [[String: Any]])
        XCTAssertEqual(attempts.map { $0["status"] as? Int }, [429, 200])
        XCTAssertTrue(object["error"] is NSNull)
        XCTAssertTrue(object["reasoning_tokens"] is NSNull)
        XCTAssertEqual(object["ttft_ms"] as? Int, 312)
        XCTAssertEqual(object["duration_ms"] as? Int, 2045)
        XCTAssertEqual(object["bytes_out"] as? Int, 8123)
        let expectedKeys: Set = [
            "v", "ts", "request_id", "client", "inbound", "model_requested", "route", "target", "attempts", "status",
            "error", "stream", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens",
            "reasoning_tokens", "cost_usd", "ttft_ms", "duration_ms", "bytes_out",
        ]
        XCTAssertEqual(Set(object.keys), expectedKeys)
    }

    func testAwkwardStringsSurviveBothParsers() throws {
        var record = sample()
        record.requestID = "quote\" backslash\\ newline\n tab\t bell\u{07} nul\u{00} é 深度思考 🦄"
        record.modelRequested = "\u{1F}/\u{7F}"
        let line = record.jsonLine
        XCTAssertEqual(line.filter { $0 == 0x0A }.count, 1, "an escaped newline must not split the line")
        XCTAssertEqual(try UsageRecord(jsonLine: line), record)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        XCTAssertEqual(object["request_id"] as? String, record.requestID)
        XCTAssertEqual(object["model_requested"] as? String, record.modelRequested)
    }

    func testParserReadsEscapesAndSkipsUnknownFields() throws {
        let text = #"{"v":1,"extra":{"a":[1,2.5e3,{"b":null}],"c":"x"},"ts":"2026-12-01T00:00:00.000Z","request_id":"a\u00e9\ud83e\udd84\/","client":"-","inbound":"openai","model_requested":"m","status":500,"error":"boom","duration_ms":7}"#
        let record = try UsageRecord(jsonLine: Array(text.utf8))
        XCTAssertEqual(record.requestID, "aé🦄/")
        XCTAssertEqual(record.status, 500)
        XCTAssertEqual(record.error, "boom")
        XCTAssertNil(record.target)
        XCTAssertEqual(record.attempts, [])
        XCTAssertTrue(record.isError)
    }

    func testParserRejectsBrokenAndIncompleteLines() {
        let full = sample().jsonLine
        for cut in [1, 10, full.count / 2, full.count - 2] {
            XCTAssertThrowsError(try UsageRecord(jsonLine: Array(full[0..<cut])), "cut at \(cut)")
        }
        XCTAssertThrowsError(try UsageRecord(jsonLine: Array(#"{"v":3,"ts":"2026-12-01T00:00:00Z"}"#.utf8))) { error in
            XCTAssertEqual(error as? UsageLineError, .unsupportedVersion(3))
        }
        XCTAssertThrowsError(try UsageRecord(jsonLine: Array(#"{"v":1}"#.utf8))) { error in
            XCTAssertEqual(error as? UsageLineError, .missingField("ts"))
        }
        XCTAssertThrowsError(try UsageRecord(jsonLine: Array("\u{0}\u{0}\u{0}".utf8)))
    }

    func testTimestampsMatchFoundationsFormatter() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var factory = RecordFactory(seed: 7)
        let samples: [Int64] = [0, 951_782_400_000, 4_107_542_399_999, 1_709_164_800_000]
            + (0..<500).map { _ in Int64(factory.random(below: 4_000_000)) * 1_000_003 }
        for milliseconds in samples {
            let time = UTCTime(epochMilliseconds: milliseconds)
            let expected = formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
            XCTAssertEqual(time.iso8601, expected, "\(milliseconds)")
            XCTAssertEqual(time.epochMilliseconds, milliseconds)
            XCTAssertEqual(ISO8601Moment.parse(time.iso8601), .dateTime(milliseconds))
        }
    }

    func testMomentParsingAcceptsDatesOffsetsAndRejectsNonsense() {
        XCTAssertEqual(ISO8601Moment.parse("2026-12-01"), .date(1_796_083_200_000))
        XCTAssertEqual(ISO8601Moment.parse("2026-12-01T10:00Z"), .dateTime(1_796_083_200_000 + 36_000_000))
        XCTAssertEqual(ISO8601Moment.parse("2026-12-01T12:00:00+02:00"), .dateTime(1_796_083_200_000 + 36_000_000))
        XCTAssertEqual(ISO8601Moment.parse("2026-12-01T10:00:00.5Z"), .dateTime(1_796_083_200_000 + 36_000_500))
        for bad in ["", "2026-13-01", "2026-02-30", "2026-12-01T25:00Z", "yesterday", "2026-12-01T10:00:00Zjunk"] {
            XCTAssertNil(ISO8601Moment.parse(bad), bad)
        }
        XCTAssertNotNil(ISO8601Moment.parse("2028-02-29"))
        XCTAssertNil(ISO8601Moment.parse("2027-02-29"))
    }
}
