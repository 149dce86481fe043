import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import OAuth
import RouterRuntime

/// A one-shot `/oauth/callback` server on loopback for `claude-router login` when the router is
/// not the one receiving the redirect. It lives as long as `body` runs.
enum LoopbackCallbackListener {
    struct NotStarted: Error, CustomStringConvertible {
        var description: String { "the loopback callback listener did not start" }
    }

    /// Serves `handler` at `http://127.0.0.1:<port>/oauth/callback` (port 0 picks a free one)
    /// while `body` runs with that URL.
    static func run<T: Sendable>(
        port: Int, handler: @escaping @Sendable (String) async -> OAuthEndpointReply,
        body: @escaping @Sendable (String) async throws -> T
    ) async throws -> T {
        let router = Router()
        router.get("/oauth/callback") { request, _ in
            OAuthReplyResponse.make(await handler(request.uri.query ?? ""))
        }
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        // The server's own start and stop lines would clutter the login prompt.
        var logger = Logger(label: "claude-router.login-callback")
        // Critical only: cancelling the server on success logs a harmless error; a bind failure
        // is thrown, not logged.
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? port)
                portSink.finish()
            },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                // A server that fails to bind ends the port stream too, so nobody waits forever.
                defer { portSink.finish() }
                try await app.run()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let bound = await iterator.next() else {
                // Surfaces the server's error (e.g. the port is taken).
                while try await group.next() != nil {}
                throw NotStarted()
            }
            group.addTask { try await body("http://127.0.0.1:\(bound)/oauth/callback") }
            defer { group.cancelAll() }
            while let finished = try await group.next() {
                if let result = finished { return result }
            }
            throw NotStarted()
        }
    }
}
