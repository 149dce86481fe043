import Foundation
import Logging
import Synchronization

/// The append-only writer of the usage log.
///
/// `record(_:)` never blocks: it appends to a bounded in-memory queue and returns; a full queue
/// counts a drop (reported in the log and the statistics) instead of waiting. A dedicated
/// thread, alive while ``run()`` runs, takes everything queued as one group, writes each day's
/// lines with one `write` and one `fsync`, then hands the group to the aggregate. Blocking disk
/// calls thus never occupy the cooperative thread pool, and at most the records that arrived
/// during one write+fsync are at risk in a crash.
///
/// Life cycle: start ``run()`` in a task (it returns when the writer finished), call ``finish()``
/// on shutdown (everything queued is still written), or ``drain()`` to wait for durability.
public final class UsageWriter: Sendable {
    public let directory: String
    private let configuration: UsageWriterConfiguration
    private let aggregate: UsageAggregate?
    private let logger: Logger
    private let state = Mutex(WriterState())
    private let wakeUp = DispatchSemaphore(value: 0)

    /// - Parameters:
    ///   - directory: the `usage` directory (created on the first write if missing).
    ///   - aggregate: kept current with every durable group, if given.
    public init(
        directory: String, configuration: UsageWriterConfiguration = .init(),
        aggregate: UsageAggregate? = nil, logger: Logger = Logger(label: "claude-router.usage")
    ) {
        self.directory = directory
        self.configuration = configuration
        self.aggregate = aggregate
        self.logger = logger
    }

    /// Queues a record for the disk. Never blocks and never throws.
    @discardableResult
    public func record(_ record: UsageRecord) -> UsageRecordOutcome {
        let (outcome, wake) = state.withLock { state -> (UsageRecordOutcome, Bool) in
            if state.finished {
                state.statistics.dropped += 1
                return (.closed, false)
            }
            guard state.pending.count < configuration.queueCapacity else {
                state.statistics.dropped += 1
                return (.dropped, false)
            }
            state.pending.append(record)
            state.statistics.accepted += 1
            let wake = state.writerSleeping
            state.writerSleeping = false
            return (.queued, wake)
        }
        if wake { wakeUp.signal() }
        return outcome
    }

    public var statistics: UsageWriterStatistics {
        state.withLock { state in
            var statistics = state.statistics
            statistics.queueDepth = state.pending.count
            return statistics
        }
    }

    /// Runs the write loop on its own thread until ``finish()`` (or cancellation, which calls
    /// it) and the queue is empty. Calling it again while or after it runs returns at once.
    public func run() async {
        let first = state.withLock { state -> Bool in
            defer { state.started = true }
            return !state.started
        }
        guard first else { return }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let thread = Thread { [self] in
                    writeLoop()
                    continuation.resume()
                }
                thread.name = "usage-writer"
                thread.start()
            }
        } onCancel: {
            finish()
        }
    }

    /// Asks the writer to stop once everything queued so far is written. Records arriving before
    /// the loop stops are still written; after that they count as dropped.
    public func finish() {
        let wake = state.withLock { state -> Bool in
            state.closing = true
            defer { state.writerSleeping = false }
            return state.writerSleeping
        }
        if wake { wakeUp.signal() }
    }

    /// Waits until every record accepted before the call is fsynced (or lost to an I/O error,
    /// which is logged). Returns at once when the writer has finished. Needs ``run()`` running.
    public func drain() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                if state.finished || state.completed >= state.statistics.accepted { return true }
                state.drainWaiters.append((state.statistics.accepted, continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }

    private enum Step {
        case write([UsageRecord])
        case sleep
        case exit
    }

    private func writeLoop() {
        let files = DayFileWriter(directory: directory, logger: logger)
        while true {
            let step = state.withLock { state -> Step in
                if !state.pending.isEmpty {
                    let group = state.pending
                    state.pending = []
                    return .write(group)
                }
                if state.closing {
                    state.finished = true
                    return .exit
                }
                state.writerSleeping = true
                return .sleep
            }
            switch step {
            case .sleep:
                wakeUp.wait()
            case .write(let group):
                let (durable, failed) = files.write(group)
                aggregate?.add(contentsOf: durable)
                finishGroup(size: group.count, written: durable.count, failed: failed)
            case .exit:
                let waiters = state.withLock { $0.takeSatisfiedWaiters() }
                for waiter in waiters { waiter.resume() }
                return
            }
        }
    }

    private func finishGroup(size: Int, written: Int, failed: Int) {
        let (waiters, newDrops, totalDrops) = state.withLock { state in
            state.statistics.written += written
            state.statistics.failed += failed
            state.statistics.groups += 1
            state.statistics.largestGroup = max(state.statistics.largestGroup, size)
            let newDrops = state.statistics.dropped - state.reportedDrops
            state.reportedDrops = state.statistics.dropped
            return (state.takeSatisfiedWaiters(), newDrops, state.statistics.dropped)
        }
        for waiter in waiters { waiter.resume() }
        if newDrops > 0 {
            // Reported here, on the writer thread, so a drop storm never costs the callers a log write.
            logger.warning("usage queue full: records dropped", metadata: [
                "dropped": .stringConvertible(newDrops), "dropped_total": .stringConvertible(totalDrops),
            ])
        }
    }
}
