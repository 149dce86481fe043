import Logging

/// The one structured line per request: identifiers, routing and outcome, never keys, tokens
/// or bodies.
struct RequestLog: Sendable {
    let logger: Logger

    func emit(_ record: RequestRecord) {
        var metadata: Logger.Metadata = [
            "request_id": .string(record.requestID),
            "endpoint": .string(record.endpoint),
            "client": .string(record.client),
            "model": .string(record.model ?? "-"),
            "route": .string(record.route ?? "-"),
            "target": .string(record.target ?? "-"),
            "attempts": .string(AttemptRecord.header(record.attempts)),
            "status": .stringConvertible(record.status),
            "stream": .stringConvertible(record.stream),
            "duration_ms": .stringConvertible(Self.milliseconds(record.duration)),
        ]
        if let ttfb = record.timeToFirstByte { metadata["ttfb_ms"] = .stringConvertible(Self.milliseconds(ttfb)) }
        if record.bytesOut > 0 { metadata["bytes_out"] = .stringConvertible(record.bytesOut) }
        if let rule = record.rule { metadata["rule"] = .string(rule) }
        if let usage = record.usage {
            metadata["tokens_in"] = .stringConvertible(usage.inputTokens)
            metadata["tokens_out"] = .stringConvertible(usage.outputTokens)
        }
        if let code = record.errorCode { metadata["error"] = .string(code) }
        logger.info("request", metadata: metadata)
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
