import Foundation
import Logging

/// Writes one group of records to the day files they belong to: each day's lines with a single
/// write and a single fsync. Used by the writer thread only, so it keeps its files unlocked.
final class DayFileWriter {
    private let directory: String
    private let logger: Logger
    /// Open files by day; at most two stay open (today, and yesterday around midnight).
    private var files: [Int64: AppendOnlyFile] = [:]
    private var buffer: [UInt8] = []

    init(directory: String, logger: Logger) {
        self.directory = directory
        self.logger = logger
    }

    /// Writes `records` and returns those now durable (in their original order) and how many
    /// were lost to an I/O error.
    func write(_ records: [UsageRecord]) -> (durable: [UsageRecord], failed: Int) {
        let firstDay = records.first?.epochDay
        if records.allSatisfy({ $0.epochDay == firstDay }), let firstDay {
            return write(records, day: firstDay) ? (records, 0) : ([], records.count)
        }
        // Around midnight a group can hold two days; keep each day's order.
        var byDay: [Int64: [UsageRecord]] = [:]
        for record in records { byDay[record.epochDay, default: []].append(record) }
        var durable: [UsageRecord] = []
        var failed = 0
        for (day, dayRecords) in byDay.sorted(by: { $0.key < $1.key }) {
            if write(dayRecords, day: day) { durable += dayRecords } else { failed += dayRecords.count }
        }
        return (durable, failed)
    }

    private func write(_ records: [UsageRecord], day: Int64) -> Bool {
        buffer.removeAll(keepingCapacity: true)
        for record in records { record.appendJSONLine(to: &buffer) }
        do {
            let file = try file(for: day)
            try file.appendAll(buffer)
            try file.sync()
            return true
        } catch {
            files[day] = nil
            logger.error("usage log write failed; records lost", metadata: [
                "error": .string(error.description), "records": .stringConvertible(records.count),
            ])
            return false
        }
    }

    private func file(for day: Int64) throws(UsageLogError) -> AppendOnlyFile {
        if let open = files[day] { return open }
        if !FileManager.default.fileExists(atPath: directory) {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let file = try AppendOnlyFile(directory: directory, epochDay: day)
        files[day] = file
        if files.count > 2, let oldest = files.keys.min() { files[oldest] = nil }
        return file
    }
}
