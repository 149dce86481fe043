import NIOCore

/// A wait on a NIO timer: cancelling the waiting task cancels the timer at once, so nothing
/// outlives the wait (a cancelled `Task.sleep` keeps its task and timer until its deadline on
/// Linux: see SWIFT-NOTES).
enum EventLoopWait {
    /// Returns after `duration`; throws at once if the task is (or gets) cancelled.
    static func wait(for duration: Duration, on eventLoop: any EventLoop) async throws {
        try Task.checkCancellation()
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        let scheduled = eventLoop.scheduleTask(in: .nanoseconds(max(0, nanoseconds))) {}
        try await withTaskCancellationHandler {
            try await scheduled.futureResult.get()
        } onCancel: {
            scheduled.cancel()
        }
    }
}
