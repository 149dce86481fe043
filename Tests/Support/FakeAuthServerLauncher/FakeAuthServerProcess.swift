import Foundation

/// A `fake-auth-server` child process on a free loopback port, stopped by `stop()`; shared by
/// the OAuth and router test targets.
public final class FakeAuthServerProcess: @unchecked Sendable {
    public let process: Process
    public let baseURL: String

    public enum LaunchError: Error, CustomStringConvertible {
        case binaryNotFound([String])
        case noListeningLine(String)
        public var description: String {
            switch self {
            case .binaryNotFound(let tried): "fake-auth-server not found; build it (swift build --product fake-auth-server) or set FAKE_AUTH_SERVER_BIN. Tried: \(tried)"
            case .noListeningLine(let output): "fake-auth-server did not report its port; output: \(output)"
            }
        }
    }

    /// Starts the server with extra flags and waits (up to 30 s) for its listening line.
    public static func start(_ arguments: [String] = []) throws -> FakeAuthServerProcess {
        let binary = try locateBinary()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--port", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = output.fileHandleForReading
        var collected = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            collected += String(decoding: chunk, as: UTF8.self)
            let marker = "fake-auth-server listening on "
            if let line = collected.split(separator: "\n").first(where: { $0.hasPrefix(marker) }) {
                return FakeAuthServerProcess(process: process, baseURL: String(line.dropFirst(marker.count)))
            }
        }
        process.terminate()
        throw LaunchError.noListeningLine(collected)
    }

    private init(process: Process, baseURL: String) {
        self.process = process
        self.baseURL = baseURL
    }

    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// `FAKE_AUTH_SERVER_BIN`, else beside the test bundle, else any `.build*/debug` of the package.
    public static func locateBinary() throws -> String {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["FAKE_AUTH_SERVER_BIN"], !env.isEmpty { candidates.append(env) }
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent("fake-auth-server").path)
            directory = directory.deletingLastPathComponent()
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let builds = (try? FileManager.default.contentsOfDirectory(atPath: packageRoot.path))?.filter { $0.hasPrefix(".build") }.sorted() ?? []
        candidates += builds.map { packageRoot.appendingPathComponent($0).appendingPathComponent("debug/fake-auth-server").path }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw LaunchError.binaryNotFound(candidates)
        }
        return found
    }
}
