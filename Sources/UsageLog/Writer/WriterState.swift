/// The writer's shared state, guarded by its mutex: the queue, the counters and who waits.
struct WriterState {
    var pending: [UsageRecord] = []
    var statistics = UsageWriterStatistics()
    /// The writer thread is (about to be) blocked on the semaphore and needs a signal.
    var writerSleeping = false
    /// `finish()` was called: write what is queued, then stop.
    var closing = false
    /// The write loop has stopped; nothing more will be written.
    var finished = false
    var started = false
    /// `drain()` callers and the `written + failed` count each waits for.
    var drainWaiters: [(target: Int, continuation: CheckedContinuation<Void, Never>)] = []
    /// Drops already reported in the log.
    var reportedDrops = 0

    var completed: Int { statistics.written + statistics.failed }

    /// Removes and returns the waiters whose records are all done.
    mutating func takeSatisfiedWaiters() -> [CheckedContinuation<Void, Never>] {
        let done = completed
        let ready = drainWaiters.filter { finished || $0.target <= done }.map(\.continuation)
        drainWaiters.removeAll { finished || $0.target <= done }
        return ready
    }
}
