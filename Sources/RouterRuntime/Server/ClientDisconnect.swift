import NIOCore

/// Ties a request's work to the client's connection. Hummingbird reads nothing from a
/// connection while its handler runs, so a client that leaves while the router still waits for
/// an upstream's response head would go unnoticed until that head or the first-byte timeout;
/// watching the channel's close instead cancels the work at once, and with it the upstream
/// request (AsyncHTTPClient cancels a request whose task is cancelled).
enum ClientDisconnect {
    private enum Outcome<Value: Sendable>: Sendable {
        case finished(Value)
        case closed
    }

    /// `work`'s result; the work is cancelled if `channel` closes first (it still returns, with
    /// whatever it makes of the cancellation). Nil only if the work itself never produced a
    /// value, which the task group rules out.
    static func cancelling<Value: Sendable>(
        whenClosed channel: any Channel, _ work: @escaping @Sendable () async -> Value
    ) async -> Value? {
        let (closed, signal) = AsyncStream<Void>.makeStream()
        channel.closeFuture.whenComplete { _ in signal.finish() }
        return await withTaskGroup(of: Outcome<Value>.self) { group in
            group.addTask { .finished(await work()) }
            group.addTask {
                for await _ in closed {}  // ends when the connection closes, or when cancelled
                return .closed
            }
            var value: Value?
            for await outcome in group {
                switch outcome {
                case .finished(let result):
                    value = result
                    group.cancelAll()  // stop watching
                case .closed:
                    if value == nil { group.cancelAll() }  // the client left: cancel the work
                }
            }
            return value
        }
    }
}
