import Foundation
import Logging

/// The usage log of one data directory, opened for a server: torn tails repaired, the
/// aggregate loaded from the files, a writer feeding that aggregate.
///
/// ```swift
/// let usage = try UsageLog.open(dataDirectory: dataDir, logger: logger)
/// // in the service group: await usage.writer.run(); on shutdown: usage.writer.finish()
/// usage.writer.record(record)                       // per request
/// let body = usage.aggregate.report(query).jsonBytes // GET /v1/usage
/// ```
public struct UsageLog: Sendable {
    public let directory: String
    public let writer: UsageWriter
    public let aggregate: UsageAggregate
    public let recovery: UsageLogRecovery.Report
    public let loaded: UsageLogReader.Report

    /// `<data-dir>/usage`.
    public static func directory(inDataDirectory dataDirectory: String) -> String {
        dataDirectory + "/usage"
    }

    /// Creates the directory if needed, sets aside torn tails, loads the aggregate and makes
    /// the writer (not yet running). Throws only when the directory cannot be created or read.
    public static func open(
        dataDirectory: String, configuration: UsageWriterConfiguration = .init(),
        logger: Logger = Logger(label: "claude-router.usage")
    ) throws(UsageLogError) -> UsageLog {
        let directory = directory(inDataDirectory: dataDirectory)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .system(operation: "mkdir", path: directory, errno: EACCES)
        }
        let recovery = UsageLogRecovery.recover(directory: directory)
        for torn in recovery.tornTails {
            logger.warning("usage log: torn last line set aside", metadata: [
                "file": .string(torn.logPath), "saved_to": .string(torn.savedPath), "bytes": .stringConvertible(torn.byteCount),
            ])
        }
        for failure in recovery.failures {
            logger.error("usage log: recovery failed", metadata: ["error": .string(failure)])
        }
        let (aggregate, loaded) = try UsageAggregate.load(directory: directory)
        if loaded.badLines > 0 {
            logger.warning("usage log: unreadable lines skipped", metadata: ["lines": .stringConvertible(loaded.badLines)])
        }
        let writer = UsageWriter(directory: directory, configuration: configuration, aggregate: aggregate, logger: logger)
        return UsageLog(directory: directory, writer: writer, aggregate: aggregate, recovery: recovery, loaded: loaded)
    }
}
