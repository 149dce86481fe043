import NIOCore
import NIOPosix
import Synchronization

/// A raw TCP client for requests an HTTP client will not send: partial heads, stalled bodies,
/// contradictory framing. It writes bytes as given and reads until the server closes.
enum RawConnection {
    struct Outcome {
        /// Everything the server sent.
        let received: String
        /// False when the safety net closed the connection (the server never did).
        let closedByServer: Bool

        var statusLine: String { String(received.prefix { $0 != "\r" }) }
        /// The response body (after the head), for the error JSON.
        var body: String { received.range(of: "\r\n\r\n").map { String(received[$0.upperBound...]) } ?? "" }
    }

    private final class Flag: Sendable {
        private let value = Mutex(false)
        func set() { value.withLock { $0 = true } }
        var isSet: Bool { value.withLock { $0 } }
    }

    /// Connects to `port`, writes `parts` in order (`pacing` apart), runs `whileOpen` (the connection stays
    /// open meanwhile), then reads until the server closes. A connection still open after
    /// `safety` is closed by the client, and the outcome says so.
    static func exchange(
        port: Int, send parts: [String], pacing: Duration = .zero, safety: TimeAmount = .seconds(15),
        whileOpen: () async throws -> Void = {}
    ) async throws -> Outcome {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let safetyFired = Flag()
        let net = channel.channel.eventLoop.scheduleTask(in: safety) {
            safetyFired.set()
            channel.channel.close(promise: nil)
        }
        defer { net.cancel() }
        return try await channel.executeThenClose { inbound, outbound in
            for (index, part) in parts.enumerated() {
                if index > 0, pacing > .zero { try await Task.sleep(for: pacing) }
                try await outbound.write(ByteBuffer(string: part))
            }
            try await whileOpen()
            var received = ByteBuffer()
            do {
                for try await chunk in inbound { received.writeImmutableBuffer(chunk) }
            } catch {
                // A reset after the response is a close too.
            }
            return Outcome(received: String(buffer: received), closedByServer: !safetyFired.isSet)
        }
    }
}
