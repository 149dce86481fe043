import RouteModel

/// What the request path learns about one request, filled in as it goes and emitted once when
/// the response (stream included) is over. The request log line is built from it; the usage
/// log (issue 7) is meant to take the same record.
struct RequestRecord: Sendable {
    let requestID: String
    let started: ContinuousClock.Instant
    var endpoint: String
    var inbound: WireProtocol
    var client = "-"
    var model: String?
    var stream = false
    /// The target that answered (or was last tried).
    var target: String?
    var attempts: [AttemptRecord] = []
    var status = 0
    /// The error's stable code (`upstream_timeout`, `model_not_found`, ...), nil on success.
    var errorCode: String?
    /// Time until the first body byte went to the client.
    var timeToFirstByte: Duration?
    var bytesOut = 0

    init(requestID: String, endpoint: String, inbound: WireProtocol, started: ContinuousClock.Instant = .now) {
        self.requestID = requestID
        self.endpoint = endpoint
        self.inbound = inbound
        self.started = started
    }

    var duration: Duration { ContinuousClock.now - started }
}
