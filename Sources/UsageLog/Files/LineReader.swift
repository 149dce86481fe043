#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file in large chunks and hands out its newline-terminated lines without copying.
/// The bytes after the last newline (a line still being written, or torn by a crash) are
/// reported separately and never handed out as a line.
enum LineReader {
    static let chunkSize = 4 << 20

    /// Calls `body` with every complete line (newline excluded, empty lines skipped) and returns
    /// the number of trailing bytes without a newline.
    @discardableResult
    static func forEachLine(
        path: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(UsageLogError) -> Int {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .system(operation: "open", path: path, errno: errno) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var filled = 0
        while true {
            if filled == buffer.count {
                // One line longer than the buffer: grow rather than split it.
                buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
            }
            let count = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return read(fd, base + filled, raw.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .system(operation: "read", path: path, errno: errno)
            }
            if count == 0 { return filled }
            filled += count
            let consumed = buffer.withUnsafeBufferPointer { all in
                emitLines(in: UnsafeBufferPointer(rebasing: all[0..<filled]), body)
            }
            if consumed > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    guard let base = raw.baseAddress else { return }
                    memmove(base, base + consumed, filled - consumed)
                }
                filled -= consumed
            }
        }
    }

    /// Emits the complete lines of `bytes` and returns how many bytes they took.
    private static func emitLines(
        in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var start = 0
        while start < bytes.count {
            guard let newline = memchr(base + start, 0x0A, bytes.count - start) else { break }
            let end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
            if end > start { body(UnsafeBufferPointer(start: base + start, count: end - start)) }
            start = end + 1
        }
        return start
    }
}
