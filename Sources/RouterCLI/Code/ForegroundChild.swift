import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child that owns the terminal while it runs (Claude Code's interface): it stays in this
/// process's group, so it reads the terminal and gets Ctrl-C itself, while this process ignores
/// the terminal's signals until the child is gone (as `system(3)` does). Foundation's `Process`
/// would put it in a group of its own, where reading the terminal stops it.
enum ForegroundChild {
    struct SpawnFailed: Error, CustomStringConvertible {
        let description: String
    }

    /// Signals the terminal sends to its foreground group.
    private static let terminalSignals = [SIGINT, SIGQUIT, SIGHUP]

    /// Runs `path` with `arguments` and `environment`; returns its exit status (128 + signal
    /// number when a signal ended it).
    static func run(_ path: String, arguments: [String], environment: [String: String]) async throws(SpawnFailed) -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in terminalSignals { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        let previous = terminalSignals.map { ($0, signal($0, SIG_IGN)) }
        defer { for (number, handler) in previous { signal(number, handler) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, path, nil, &attributes, argv, envp)
        guard spawned == 0 else {
            throw SpawnFailed(description: "cannot start \(path): \(String(cString: strerror(spawned)))")
        }
        return await waitForExit(pid)
    }

    /// Blocks a thread of its own in `waitpid`, not one of the concurrency pool's.
    private static func waitForExit(_ pid: pid_t) async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1, errno == EINTR {}
                let signalled = status & 0x7f
                continuation.resume(returning: signalled == 0 ? (status >> 8) & 0xff : 128 + signalled)
            }.start()
        }
    }
}
