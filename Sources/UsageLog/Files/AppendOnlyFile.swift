#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One day's log file opened for appending, with the few system calls the writer needs:
/// whole-buffer writes (a short write is rolled back so no half line is left behind), fsync,
/// and an fsync of the directory when the file was just created.
final class AppendOnlyFile {
    let path: String
    let epochDay: Int64
    private let descriptor: Int32

    init(directory: String, epochDay: Int64) throws(UsageLogError) {
        self.epochDay = epochDay
        self.path = directory + "/" + UsageFileNaming.fileName(epochDay: epochDay)
        let existed = access(path, F_OK) == 0
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw .system(operation: "open", path: path, errno: errno) }
        descriptor = fd
        if !existed {
            // The new directory entry must survive a power loss as much as the data does.
            Self.syncDirectory(directory)
        }
    }

    deinit { close(descriptor) }

    /// Appends all of `bytes` or nothing: after a failed write the file is cut back to its
    /// previous length, so the next group does not glue onto a torn line.
    func appendAll(_ bytes: [UInt8]) throws(UsageLogError) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .system(operation: "fstat", path: path, errno: errno) }
        let previousLength = status.st_size
        var written = 0
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            while written < raw.count {
                let result = write(descriptor, base + written, raw.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += result
            }
        }
        if failure != 0 {
            _ = ftruncate(descriptor, previousLength)
            throw .system(operation: "write", path: path, errno: failure)
        }
    }

    func sync() throws(UsageLogError) {
        guard fsync(descriptor) == 0 else { throw .system(operation: "fsync", path: path, errno: errno) }
    }

    private static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
