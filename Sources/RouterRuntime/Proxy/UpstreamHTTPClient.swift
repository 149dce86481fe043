import AsyncHTTPClient
import NIOCore
import RouteModel
import ServiceLifecycle

/// The one HTTP client every upstream request shares: pooled keep-alive connections, the
/// compiled connect and idle timeouts, and no retry of refused connections (a refused upstream is an
/// attempt failure the router handles itself, at once).
final class UpstreamHTTPClient: Service, Sendable {
    let client: HTTPClient

    init(limits: RouterLimits) {
        var configuration = HTTPClient.Configuration()
        // The read timeout is the idle timeout: silence from the upstream, reset by every read,
        // on a NIO timer that goes away with the request. Like nginx's `proxy_read_timeout` it
        // also bounds the wait for the head (the first-byte deadline bounds that as well), and
        // it runs while a client that reads nothing holds the upstream's reads back.
        configuration.timeout = .init(
            connect: .milliseconds(Int64(limits.connectTimeoutMS)), read: .milliseconds(Int64(limits.idleTimeoutMS))
        )
        var pool = HTTPClient.Configuration.ConnectionPool(idleTimeout: .seconds(60))
        // Streams hold a connection for minutes; the pool must not queue the 9th behind them.
        pool.concurrentHTTP1ConnectionsPerHostSoftLimit = 2_048
        pool.retryConnectionEstablishment = false
        configuration.connectionPool = pool
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        configuration.httpVersion = .http1Only
        // No tracer: the router records its own usage and logs; a span per upstream request
        // (even the no-op tracer's, with its attributes) cost ≈3 % of the router's CPU.
        configuration.tracing.tracer = nil
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Waits for graceful shutdown (after the server drained), then closes the pool.
    func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}
