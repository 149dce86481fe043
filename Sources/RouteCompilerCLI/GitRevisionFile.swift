import ArgumentParser
import Foundation
import RouteCompiler

/// A file as it was at a git revision, read with `git show REV:./PATH` (the path relative to
/// the working directory, as the other options take it).
enum GitRevisionFile {
    static func read(revision: String, path: String) throws -> SourceFile {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "show", "\(revision):./\(path)"]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw InputFile.failure("cannot run git: \(error)")
        }
        // Read before waiting: a file larger than the pipe buffer would otherwise block git.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let text = String(data: data, encoding: .utf8) else {
            let reason = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw InputFile.failure("cannot read \(path) at \(revision): \(reason)")
        }
        return SourceFile(path: "\(revision):\(path)", text: text)
    }

}
