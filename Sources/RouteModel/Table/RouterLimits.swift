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

    public init() {}

    public init(
        connectTimeoutMS: Int, firstByteTimeoutMS: Int, idleTimeoutMS: Int, requestTimeoutMS: Int,
        maxAttempts: Int, retryBackoffMS: Int, cooldownAfterFailures: Int, cooldownMS: Int,
        maxBodyBytes: Int, shutdownGraceMS: Int
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
    }
}
