import RouteModel

/// One request as the usage log stores it: schema version 2 of a line in
/// `<data-dir>/usage/usage-YYYY-MM-DD.jsonl`. Successes and failures alike get one.
///
/// Optional token counts are nil when the upstream did not report them (written as `null`, so
/// "unknown" stays distinct from zero).
public struct UsageRecord: Sendable, Equatable {
    /// The `v` field of every line this version writes.
    public static let schemaVersion = 2
    /// Versions this reader loads: version 1 lines are version 2 lines without `cost_usd`.
    public static let readableVersions: ClosedRange<Int> = 1...2

    /// The API format the caller spoke.
    public enum Inbound: String, Sendable, Equatable, CaseIterable {
        case anthropic
        case openai
    }

    /// One upstream attempt: the target tried and the status it ended with.
    public struct Attempt: Sendable, Equatable {
        /// `provider/model`.
        public var target: String
        /// The upstream's HTTP status, or the one the router assigned to a failure it saw itself.
        public var status: Int

        public init(target: String, status: Int) {
            self.target = target
            self.status = status
        }
    }

    /// `ts`: when the request arrived, milliseconds since the epoch (UTC). It also picks the file.
    public var timestampMilliseconds: Int64
    public var requestID: String
    /// The client name from the compiled `clients`, `-` for anonymous loopback callers.
    public var client: String
    public var inbound: Inbound
    /// The model name the caller sent.
    public var modelRequested: String
    /// The alias or combo the model resolved through; nil when the caller named a target.
    public var route: String?
    /// The `provider/model` that answered, or was tried last; nil when nothing was tried.
    public var target: String?
    public var attempts: [Attempt]
    /// The HTTP status the caller got.
    public var status: Int
    /// The error class (`upstream_timeout`, `rate_limited`, ...); nil on success.
    public var error: String?
    public var stream: Bool
    public var inputTokens: Int?
    public var outputTokens: Int?
    public var cacheReadTokens: Int?
    public var cacheWriteTokens: Int?
    public var reasoningTokens: Int?
    /// `cost_usd`: what the tokens cost at the target's catalog price, exact; nil when the
    /// target has no price (and on every version 1 line).
    public var costUSD: USDAmount?
    /// Time to the first body byte sent to the caller.
    public var ttftMilliseconds: Int?
    public var durationMilliseconds: Int
    public var bytesOut: Int

    public init(
        timestampMilliseconds: Int64, requestID: String, client: String, inbound: Inbound,
        modelRequested: String, route: String? = nil, target: String? = nil, attempts: [Attempt] = [],
        status: Int, error: String? = nil, stream: Bool = false,
        inputTokens: Int? = nil, outputTokens: Int? = nil, cacheReadTokens: Int? = nil,
        cacheWriteTokens: Int? = nil, reasoningTokens: Int? = nil, costUSD: USDAmount? = nil,
        ttftMilliseconds: Int? = nil, durationMilliseconds: Int, bytesOut: Int = 0
    ) {
        self.timestampMilliseconds = timestampMilliseconds
        self.requestID = requestID
        self.client = client
        self.inbound = inbound
        self.modelRequested = modelRequested
        self.route = route
        self.target = target
        self.attempts = attempts
        self.status = status
        self.error = error
        self.stream = stream
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheReadTokens = cacheReadTokens
        self.cacheWriteTokens = cacheWriteTokens
        self.reasoningTokens = reasoningTokens
        self.costUSD = costUSD
        self.ttftMilliseconds = ttftMilliseconds
        self.durationMilliseconds = durationMilliseconds
        self.bytesOut = bytesOut
    }

    /// Whether the request counts as an error in the aggregate: an error class or a status ≥ 400.
    public var isError: Bool { error != nil || status >= 400 }

    /// The UTC day (days since the epoch) the record belongs to, which names its file.
    public var epochDay: Int64 { UTCTime.floorDivide(timestampMilliseconds, UTCTime.millisecondsPerDay) }

    /// The UTC hour (hours since the epoch) the record is aggregated under.
    public var epochHour: Int64 { UTCTime.floorDivide(timestampMilliseconds, UTCTime.millisecondsPerHour) }
}
