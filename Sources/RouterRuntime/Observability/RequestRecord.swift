import Foundation
import RouteModel
import Translators

/// What the request path learns about one request, filled in as it goes and finished once when
/// the response (stream included) is over: the request log line, the usage record and the
/// metrics are all made from it (``RequestCompletion``).
struct RequestRecord: Sendable {
    let requestID: String
    let started: ContinuousClock.Instant
    /// Wall-clock start, for the usage log's `ts`.
    let startedAt: Date
    var endpoint: String
    var inbound: WireProtocol
    var client = "-"
    var model: String?
    var stream = false
    /// The alias, combo or target name the model resolved through; nil for a direct
    /// `provider/model` or an unknown model.
    var route: String?
    /// The rules that fired (`combo.rules[i]`, with the keyword that matched), for the log.
    var rule: String?
    /// The target that answered (or was last tried).
    var target: String?
    var attempts: [AttemptRecord] = []
    var status = 0
    /// The error's stable code (`upstream_timeout`, `model_not_found`, ...), nil on success.
    var errorCode: String?
    /// Time until the first body byte went to the client.
    var timeToFirstByte: Duration?
    var bytesOut = 0
    /// Token usage the upstream reported.
    var usage: TokenUsage?
    /// The peek's input estimate, which ``InputTokenCalibration`` compares with `usage`.
    var estimatedInputTokens: Int?
    /// Slots held while the request runs (client limits, provider concurrency), released with
    /// the tokens it used when the record is finished.
    var permits: [RateLimitPermit] = []

    init(requestID: String, endpoint: String, inbound: WireProtocol, started: ContinuousClock.Instant = .now, startedAt: Date = Date()) {
        self.requestID = requestID
        self.endpoint = endpoint
        self.inbound = inbound
        self.started = started
        self.startedAt = startedAt
    }

    var duration: Duration { ContinuousClock.now - started }

    /// Records a router error as this request's outcome.
    mutating func fail(with error: RouterError) {
        let descriptor = error.descriptor
        status = descriptor.status
        errorCode = descriptor.code
    }
}
