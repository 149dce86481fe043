import Foundation
import RouteModel
import UsageLog

/// Today's (UTC) usage file, read directly (no router needed): token and cost totals, and the
/// last request for the session's model.
///
/// Claude Code runs the status line after every message, so a day's file is read once: the
/// totals, how far they reach, and the newest line per requested model are kept in
/// `<data-dir>/statusline-cache.json`, and each run reads only the lines appended since.
struct TodayUsage: Codable {
    /// Today's file name, so that a new day starts over.
    var file = ""
    /// Bytes of the file already counted (always just after a newline).
    var offset: UInt64 = 0
    var requests = 0
    var tokens = 0
    /// Nil while no line of today has a price.
    var costPicodollars: Int64?
    /// The newest line of each `model_requested`, and the newest line of all.
    var lastLineByModel: [String: String] = [:]
    var newestLine: String?

    var cost: USDAmount? { costPicodollars.map { USDAmount(picodollars: $0) } }

    /// The newest record whose `model_requested` is `model`, else the newest record.
    func last(for model: String?) -> UsageRecord? {
        guard let line = model.flatMap({ lastLineByModel[$0] }) ?? newestLine else { return nil }
        return try? UsageRecord(jsonLine: Array(line.utf8))
    }

    static func load(dataDirectory: String, now: Date = Date()) -> TodayUsage {
        let day = Int64((now.timeIntervalSince1970 * 1000).rounded(.down)) / UTCTime.millisecondsPerDay
        let name = UsageFileNaming.fileName(epochDay: day)
        let path = UsageLog.directory(inDataDirectory: dataDirectory) + "/" + name
        let cachePath = dataDirectory + "/statusline-cache.json"
        var usage = (FileManager.default.contents(atPath: cachePath)).flatMap { try? JSONDecoder().decode(TodayUsage.self, from: $0) }
            ?? TodayUsage()
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.uint64Value ?? 0
        // Another day, or a file that shrank (recovered after a crash): count it again.
        if usage.file != name || size < usage.offset { usage = TodayUsage(file: name) }
        guard size > usage.offset, let handle = FileHandle(forReadingAtPath: path) else { return usage }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: usage.offset)) != nil, let data = try? handle.readToEnd() else { return usage }
        usage.count(data)
        if let encoded = try? JSONEncoder().encode(usage) {
            // Best effort: a read-only data directory only costs the next run a full read.
            let temporary = cachePath + ".\(getpid())"
            if FileManager.default.createFile(atPath: temporary, contents: encoded) {
                if rename(temporary, cachePath) != 0 { unlink(temporary) }
            }
        }
        return usage
    }

    /// Counts the complete lines of `data` (read from `offset`); a partial last line waits.
    private mutating func count(_ data: Data) {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "\n") {
                defer { start = index + 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<index])
                // A torn or foreign line is skipped, as the aggregate does.
                guard index > start, let record = try? UsageRecord(jsonLine: line) else { continue }
                requests += 1
                tokens += (record.inputTokens ?? 0) + (record.outputTokens ?? 0)
                    + (record.cacheReadTokens ?? 0) + (record.cacheWriteTokens ?? 0)
                if let price = record.costUSD { costPicodollars = (costPicodollars ?? 0) + price.picodollars }
                let text = String(decoding: line, as: UTF8.self)
                newestLine = text
                if lastLineByModel[record.modelRequested] != nil || lastLineByModel.count < 32 {
                    lastLineByModel[record.modelRequested] = text
                }
            }
            offset += UInt64(start)
        }
    }
}
