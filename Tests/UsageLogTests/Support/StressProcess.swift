import Foundation
import XCTest

/// The stress process misbehaved (a test failure, not a skip).
struct StressFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// The `UsageStress` executable built next to the test bundle, run as a child process.
final class StressProcess: @unchecked Sendable {
    /// One `acked=... written=...` progress line.
    struct Progress: Equatable {
        var acked = 0
        var written = 0
        var largestGroup = 0

        init?(_ line: Substring) {
            guard line.hasPrefix("acked=") else { return nil }
            var fields: [Substring: Int] = [:]
            for pair in line.split(separator: " ") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, let value = Int(parts[1]) else { return nil }
                fields[parts[0]] = value
            }
            guard let acked = fields["acked"], let written = fields["written"], let largest = fields["largest_group"]
            else { return nil }
            self.acked = acked
            self.written = written
            largestGroup = largest
        }
    }

    let process = Process()
    private let output = Pipe()
    private let lock = NSLock()
    private var received: [UInt8] = []

    static func executable() throws -> URL {
        let bundle = Bundle(for: StressProcess.self).bundleURL
        for directory in [bundle.deletingLastPathComponent(), URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()] {
            let candidate = directory.appendingPathComponent("UsageStress")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw XCTSkip("UsageStress is not built next to the tests (swift build --product UsageStress)")
    }

    init(arguments: [String]) throws {
        process.executableURL = try Self.executable()
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock()
            self.received.append(contentsOf: data)
            self.lock.unlock()
        }
        try process.run()
    }

    /// The complete progress lines printed so far (a half-printed last line is ignored).
    var progress: [Progress] {
        lock.lock()
        defer { lock.unlock() }
        guard let lastNewline = received.lastIndex(of: 0x0A) else { return [] }
        let text = String(decoding: received[...lastNewline], as: UTF8.self)
        return text.split(separator: "\n").compactMap(Progress.init)
    }

    /// Waits (polling, up to `timeout`) until a printed line has `acked` of at least `count`.
    func waitForAcked(_ count: Int, timeout: Duration = .seconds(120)) async throws {
        let deadline = ContinuousClock.now + timeout
        while (progress.last?.acked ?? 0) < count {
            guard ContinuousClock.now < deadline, process.isRunning else {
                throw StressFailure(message: "UsageStress did not reach \(count) records (still running: \(process.isRunning))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits for the process to end on its own.
    func waitForExit() {
        process.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.2)
        output.fileHandleForReading.readabilityHandler = nil
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // Let the reader collect what was already in the pipe.
        Thread.sleep(forTimeInterval: 0.2)
        output.fileHandleForReading.readabilityHandler = nil
    }
}
