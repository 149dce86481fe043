import NIOCore
import Synchronization

/// Ties a request's work to the client's connection. Hummingbird reads nothing from a
/// connection while its handler runs, so a client that leaves while the router still waits for
/// an upstream's response head would go unnoticed until that head or the first-byte timeout;
/// cancelling the work when the connection closes stops it at once, and with it the upstream
/// request (AsyncHTTPClient cancels a request whose task is cancelled).
///
/// One ``ConnectionWatch`` per connection, made by ``ClientAbortHandler`` and dropped when the
/// connection closes: a request registers its task for the time of its work and unregisters it
/// after, so nothing (no close-future callback, no watching task) outlives the request on a
/// keep-alive connection.
enum ClientDisconnect {
    /// `work`'s result; the work's task is cancelled if the connection closes first (the work
    /// still returns, with whatever it makes of the cancellation).
    static func cancelling<Value>(whenClosed channel: any Channel, _ work: () async -> Value) async -> Value {
        guard let watch = ConnectionWatch.find(channel) else {
            // Closed before the work began (its watch is gone): cancel it from the start.
            if !channel.isActive { withUnsafeCurrentTask { $0?.cancel() } }
            return await work()
        }
        guard let task = withUnsafeCurrentTask(body: { $0.map(WatchedTask.init) }) else { return await work() }
        watch.begin(task)
        defer { watch.end() }
        return await work()
    }
}

/// The task of the request in flight on a connection, cancelled if the connection closes.
///
/// `@unchecked Sendable`: an `UnsafeCurrentTask` may only be used while its task runs; the
/// watch holds it only between ``ConnectionWatch/begin(_:)`` and ``ConnectionWatch/end()``,
/// both called by that task around its work, and cancels it under the same lock.
struct WatchedTask: @unchecked Sendable {
    let task: UnsafeCurrentTask
}

/// One connection's close, as the requests on it see it.
final class ConnectionWatch: Sendable {
    private struct State {
        var closed = false
        var current: WatchedTask?
    }

    private let state = Mutex(State())

    /// The connection's watches, by channel identity: one entry per open connection.
    private static let open = Mutex<[ObjectIdentifier: ConnectionWatch]>([:])

    static func find(_ channel: any Channel) -> ConnectionWatch? {
        open.withLock { $0[ObjectIdentifier(channel)] }
    }

    static func opened(_ channel: any Channel) {
        let watch = ConnectionWatch()
        open.withLock { $0[ObjectIdentifier(channel)] = watch }
    }

    static func closed(_ channel: any Channel) {
        let watch = open.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) }
        watch?.close()
    }

    fileprivate func begin(_ task: WatchedTask) {
        let closed = state.withLock { state in
            state.current = task
            return state.closed
        }
        if closed { task.task.cancel() }
    }

    fileprivate func end() {
        state.withLock { $0.current = nil }
    }

    private func close() {
        state.withLock { state in
            state.closed = true
            state.current?.task.cancel()
        }
    }
}
