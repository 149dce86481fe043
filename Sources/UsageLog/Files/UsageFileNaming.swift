import Foundation

/// File names of the log: `usage-YYYY-MM-DD.jsonl`, one per UTC day.
public enum UsageFileNaming {
    static let prefix = "usage-"
    static let suffix = ".jsonl"

    /// The file name holding records of a UTC day (days since the epoch).
    public static func fileName(epochDay: Int64) -> String {
        prefix + UTCTime(epochMilliseconds: epochDay * UTCTime.millisecondsPerDay).dayString + suffix
    }

    /// The UTC day a log file name stands for; nil for other files (set-aside torn tails too).
    public static func epochDay(ofFileName name: String) -> Int64? {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
        let day = String(name.dropFirst(prefix.count).dropLast(suffix.count))
        guard day.utf8.count == 10, case .date(let midnight)? = ISO8601Moment.parse(day) else { return nil }
        return midnight / UTCTime.millisecondsPerDay
    }

    /// The log files in `directory` with their days, oldest first. A missing directory has none.
    public static func logFiles(in directory: String) -> [(day: Int64, path: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap { name in
            epochDay(ofFileName: name).map { (day: $0, path: directory + "/" + name) }
        }.sorted { $0.day < $1.day }
    }
}
