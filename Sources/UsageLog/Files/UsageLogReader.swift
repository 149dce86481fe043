/// Reads every record of a log directory, oldest file first. Read-only: a last line without a
/// newline (being written, or torn) is counted and skipped, never changed.
public enum UsageLogReader {
    /// What a full read found.
    public struct Report: Sendable, Equatable {
        public var files = 0
        public var records = 0
        /// Complete lines that did not parse as a v1 record.
        public var badLines = 0
        /// Bytes after the last newline of files, not read as records.
        public var incompleteTailBytes = 0

        public init(files: Int = 0, records: Int = 0, badLines: Int = 0, incompleteTailBytes: Int = 0) {
            self.files = files
            self.records = records
            self.badLines = badLines
            self.incompleteTailBytes = incompleteTailBytes
        }
    }

    /// Calls `body` with every record in `directory` (only the files of `days`, epoch days, when
    /// given). Files that cannot be opened are reported as errors; a missing directory is empty.
    @discardableResult
    public static func forEachRecord(
        in directory: String, days: ClosedRange<Int64>? = nil, _ body: (UsageRecord) -> Void
    ) throws(UsageLogError) -> Report {
        var report = Report()
        for file in UsageFileNaming.logFiles(in: directory) where days?.contains(file.day) ?? true {
            report.files += 1
            var records = 0
            var bad = 0
            let tail = try LineReader.forEachLine(path: file.path) { line in
                do {
                    body(try UsageRecord(jsonLine: line))
                    records += 1
                } catch {
                    bad += 1
                }
            }
            report.records += records
            report.badLines += bad
            report.incompleteTailBytes += tail
        }
        return report
    }
}
