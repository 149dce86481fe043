/// Timeouts, retry and cooldown policy, and size limits, from `routes.yaml`'s `limits`.
///
/// Durations are milliseconds so that generated code stays integer literals.
public struct RouterLimits: Sendable, Equatable {
    /// TCP + TLS connect to an upstream.
    public var connectTimeoutMS = 10_000
    /// From sending the request to the upstream's response head.
    public var firstByteTimeoutMS = 120_000
    /// Longest silence between two chunks of an upstream body.
    public var idleTimeoutMS = 120_000
    /// Whole request, all attempts included.
    public var requestTimeoutMS = 600_000
    /// Attempts per request, the first included.
    public var maxAttempts = 4
    /// Base delay of the exponential backoff between attempts on the same target.
    public var retryBackoffMS = 250
    /// Consecutive failures after which a (provider, model, key) cools down.
    public var cooldownAfterFailures = 3
    /// How long a cooled-down (provider, model, key) is skipped.
    public var cooldownMS = 30_000
    /// Largest request body accepted.
    public var maxBodyBytes = 32 * 1024 * 1024
    /// How long in-flight requests may finish after SIGTERM.
    public var shutdownGraceMS = 30_000
    /// How long a connection may take to deliver a complete request head, counted from when it
    /// opened or its previous response ended (a slow or idle client is closed after it).
    public var headerTimeoutMS = 30_000
    /// Longest silence while a request body is being read; the client then gets a 408.
    public var bodyTimeoutMS = 30_000
    /// Largest request head (all header lines together, and any one of them).
    public var maxHeaderBytes = 64 * 1024
    /// Most header lines one request may carry.
    public var maxHeaderCount = 100

    public init() {}

    public init(
        connectTimeoutMS: Int, firstByteTimeoutMS: Int, idleTimeoutMS: Int, requestTimeoutMS: Int,
        maxAttempts: Int, retryBackoffMS: Int, cooldownAfterFailures: Int, cooldownMS: Int,
        maxBodyBytes: Int, shutdownGraceMS: Int,
        headerTimeoutMS: Int = 30_000, bodyTimeoutMS: Int = 30_000, maxHeaderBytes: Int = 64 * 1024, maxHeaderCount: Int = 100
    ) {
        self.connectTimeoutMS = connectTimeoutMS
        self.firstByteTimeoutMS = firstByteTimeoutMS
        self.idleTimeoutMS = idleTimeoutMS
        self.requestTimeoutMS = requestTimeoutMS
        self.maxAttempts = maxAttempts
        self.retryBackoffMS = retryBackoffMS
        self.cooldownAfterFailures = cooldownAfterFailures
        self.cooldownMS = cooldownMS
        self.maxBodyBytes = maxBodyBytes
        self.shutdownGraceMS = shutdownGraceMS
        self.headerTimeoutMS = headerTimeoutMS
        self.bodyTimeoutMS = bodyTimeoutMS
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
    }
}
