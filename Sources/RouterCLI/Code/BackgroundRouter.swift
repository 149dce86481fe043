import AsyncHTTPClient
import Foundation

/// A `claude-router serve` started by `claude-router code` because none answered: this same
/// executable, in a process group of its own (the terminal's Ctrl-C is Claude Code's), its
/// output in a log file under the data directory. Stopped with SIGTERM, which drains it.
struct BackgroundRouter {
    struct StartFailed: Error, CustomStringConvertible {
        let description: String
    }

    let process: Process
    let logPath: String

    /// Starts `serve` on `host:port` and waits until `baseURL/healthz` answers.
    static func start(host: String, port: Int, dataDirectory: String, baseURL: String, client: HTTPClient) async throws(StartFailed) -> BackgroundRouter {
        let logPath = dataDirectory + "/code-router.log"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ownExecutable())
        process.arguments = ["serve", "--host", host, "--port", String(port), "--data-dir", dataDirectory]
        do {
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: logPath) { FileManager.default.createFile(atPath: logPath, contents: nil) }
            let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
            log.seekToEndOfFile()
            process.standardOutput = log
            process.standardError = log
            process.standardInput = FileHandle.nullDevice
            try process.run()
        } catch {
            throw StartFailed(description: "cannot start the router: \(error)")
        }
        let router = BackgroundRouter(process: process, logPath: logPath)
        // Polled, not raced: each check is a complete request with its own short timeout.
        for _ in 0..<200 {
            if !process.isRunning {
                throw StartFailed(description: "the router exited at start (status \(process.terminationStatus)):\n\(router.logTail())")
            }
            if await RouterHealth.answers(baseURL, client: client, timeout: .milliseconds(500)) { return router }
            try? await Task.sleep(for: .milliseconds(100))
        }
        router.stop()
        throw StartFailed(description: "the router did not answer \(baseURL)/healthz within 20 s:\n\(router.logTail())")
    }

    /// SIGTERM, then up to the drain deadline plus a margin, then SIGKILL.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        for _ in 0..<400 where process.isRunning { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    func logTail(lines: Int = 15) -> String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    /// This executable, so the router started is the one with this binary's compiled table.
    private static func ownExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}
