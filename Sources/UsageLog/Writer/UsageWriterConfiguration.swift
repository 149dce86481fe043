/// Tuning of a ``UsageWriter``.
public struct UsageWriterConfiguration: Sendable, Equatable {
    /// Records that may wait for the disk; beyond this `record(_:)` drops and counts. At a few
    /// hundred bytes a record the default holds about 20 MB and minutes of peak traffic.
    public var queueCapacity: Int

    public init(queueCapacity: Int = 65_536) {
        self.queueCapacity = max(1, queueCapacity)
    }
}

/// What became of a record handed to ``UsageWriter/record(_:)``.
public enum UsageRecordOutcome: Sendable, Equatable {
    /// In the queue; it will be written and fsynced with the next group.
    case queued
    /// The queue was full; the record is counted in ``UsageWriterStatistics/dropped``.
    case dropped
    /// The writer has finished; the record is counted in ``UsageWriterStatistics/dropped``.
    case closed
}

/// Counters of a ``UsageWriter`` since it was created.
public struct UsageWriterStatistics: Sendable, Equatable {
    /// Records taken into the queue.
    public var accepted = 0
    /// Records written and fsynced.
    public var written = 0
    /// Records lost to write errors (logged when they happen).
    public var failed = 0
    /// Records refused because the queue was full or the writer had finished.
    public var dropped = 0
    /// Records waiting for the disk now.
    public var queueDepth = 0
    /// Write-and-fsync groups done.
    public var groups = 0
    /// The most records one group held: the most a crash could have cost.
    public var largestGroup = 0

    public init() {}
}
