#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Start-up repair of the log after a crash. A process killed in the middle of a write can leave
/// a last line without its newline; that tail is moved to `usage-YYYY-MM-DD.jsonl.torn-<ts>`
/// next to the file and the file is cut back to its last complete line, so new lines never glue
/// onto it. Problems are reported, never fatal: the router must start even on a damaged disk.
///
/// Run it before the writer starts, and only in the process that owns the directory: a reader
/// such as `claude-router usage` must not cut a line the running server is still writing.
public enum UsageLogRecovery {
    /// What recovery found and did.
    public struct Report: Sendable, Equatable {
        public var filesChecked = 0
        public var tornTails: [TornTail] = []
        /// Files that could not be checked or repaired, with the reason.
        public var failures: [String] = []
    }

    /// A torn tail that was set aside.
    public struct TornTail: Sendable, Equatable {
        public var logPath: String
        public var savedPath: String
        public var byteCount: Int
    }

    public static func recover(directory: String, now: Int64 = UTCTime.nowMilliseconds()) -> Report {
        var report = Report()
        for file in UsageFileNaming.logFiles(in: directory) {
            report.filesChecked += 1
            do {
                if let torn = try repair(path: file.path, now: now) { report.tornTails.append(torn) }
            } catch {
                report.failures.append(error.description)
            }
        }
        return report
    }

    private static func repair(path: String, now: Int64) throws(UsageLogError) -> TornTail? {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw .system(operation: "open", path: path, errno: errno) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .system(operation: "fstat", path: path, errno: errno) }
        let size = Int(status.st_size)
        guard size > 0 else { return nil }
        let keep = try lengthThroughLastNewline(fd: fd, size: size, path: path)
        guard keep < size else { return nil }
        let tail = try readRange(fd: fd, from: keep, to: size, path: path)
        let savedPath = path + ".torn-" + compactStamp(now)
        try save(tail, to: savedPath)
        guard ftruncate(fd, off_t(keep)) == 0 else { throw .system(operation: "ftruncate", path: path, errno: errno) }
        guard fsync(fd) == 0 else { throw .system(operation: "fsync", path: path, errno: errno) }
        return TornTail(logPath: path, savedPath: savedPath, byteCount: size - keep)
    }

    /// The file length up to and including its last newline (0 when there is none).
    private static func lengthThroughLastNewline(fd: Int32, size: Int, path: String) throws(UsageLogError) -> Int {
        let window = 64 * 1024
        var end = size
        while end > 0 {
            let start = max(0, end - window)
            let chunk = try readRange(fd: fd, from: start, to: end, path: path)
            if let last = chunk.lastIndex(of: 0x0A) { return start + last + 1 }
            end = start
        }
        return 0
    }

    private static func readRange(fd: Int32, from start: Int, to end: Int, path: String) throws(UsageLogError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: end - start)
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return pread(fd, base + done, raw.count - done, off_t(start + done))
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw .system(operation: "pread", path: path, errno: count < 0 ? errno : EIO) }
            done += count
        }
        return bytes
    }

    private static func save(_ bytes: [UInt8], to path: String) throws(UsageLogError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw .system(operation: "open", path: path, errno: errno) }
        defer { close(fd) }
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return write(fd, base + done, raw.count - done)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw .system(operation: "write", path: path, errno: count < 0 ? errno : EIO) }
            done += count
        }
        guard fsync(fd) == 0 else { throw .system(operation: "fsync", path: path, errno: errno) }
    }

    /// `20261201T185730123Z`: sorts by time and is safe in a file name.
    private static func compactStamp(_ milliseconds: Int64) -> String {
        let time = UTCTime(epochMilliseconds: milliseconds)
        return time.iso8601.filter { $0 != "-" && $0 != ":" && $0 != "." }
    }
}
