import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owner-only files written so that a reader sees the old content or the new, never a torn one:
/// a temporary file in the same directory, fsync, rename, fsync of the directory.
enum AtomicFile {
    static let ownerOnly: mode_t = 0o600

    /// Replaces `path` with `data`.
    static func replace(_ path: String, with data: Data) throws(OAuthError) {
        let temporary = try writeTemporary(data, beside: path)
        guard rename(temporary, path) == 0 else {
            let reason = errnoText()
            unlink(temporary)
            throw .store(path: path, reason: "rename failed: \(reason)")
        }
        syncDirectory(of: path)
    }

    /// Creates `path` with `data` unless it exists; returns false when another writer was first.
    static func createExclusively(_ data: Data, at path: String) throws(OAuthError) -> Bool {
        let temporary = try writeTemporary(data, beside: path)
        defer { unlink(temporary) }
        if link(temporary, path) == 0 {
            syncDirectory(of: path)
            return true
        }
        if errno == EEXIST { return false }
        throw .store(path: path, reason: "link failed: \(errnoText())")
    }

    /// Creates `path` as an owner-only directory when missing.
    static func ensureDirectory(_ path: String) throws(OAuthError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .store(path: path, reason: "cannot create directory")
        }
    }

    private static func writeTemporary(_ data: Data, beside path: String) throws(OAuthError) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = directory + "/." + name + ".tmp-" + RandomString.make(byteCount: 6)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, ownerOnly)
        guard descriptor >= 0 else { throw .store(path: temporary, reason: "open failed: \(errnoText())") }
        // The umask may have narrowed the mode further; widen it to exactly 0600.
        fchmod(descriptor, ownerOnly)
        let written = data.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return buffer.isEmpty }
            var offset = 0
            while offset < buffer.count {
                let result = write(descriptor, base.advanced(by: offset), buffer.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += result
            }
            return true
        }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written, synced else {
            let reason = errnoText()
            unlink(temporary)
            throw .store(path: temporary, reason: "write failed: \(reason)")
        }
        return temporary
    }

    private static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
