import AsyncHTTPClient
import NIOCore
import RouteModel
import ServiceLifecycle

/// The one HTTP client every upstream request shares: pooled keep-alive connections, the
/// compiled connect timeout, and no retry of refused connections (a refused upstream is an
/// attempt failure the router handles itself, at once).
final class UpstreamHTTPClient: Service, Sendable {
    let client: HTTPClient

    init(limits: RouterLimits) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .milliseconds(Int64(limits.connectTimeoutMS)), read: nil)
        var pool = HTTPClient.Configuration.ConnectionPool(idleTimeout: .seconds(60))
        // Streams hold a connection for minutes; the pool must not queue the 9th behind them.
        pool.concurrentHTTP1ConnectionsPerHostSoftLimit = 2_048
        pool.retryConnectionEstablishment = false
        configuration.connectionPool = pool
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        configuration.httpVersion = .http1Only
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Waits for graceful shutdown (after the server drained), then closes the pool.
    func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}
