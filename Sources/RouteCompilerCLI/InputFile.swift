import ArgumentParser
import Foundation
import RouteCompiler

/// Reading the compiler's input files; diagnostics name a file by the path as given.
enum InputFile {
    /// Reads an input relative to the working directory, or fails the command saying why.
    static func read(_ path: String) throws -> SourceFile {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw failure("cannot read \(path) (run from the package root, or pass --routes/--catalog)")
        }
        return SourceFile(path: path, text: text)
    }

    /// Prints `route-compiler: message` and gives the exit code the command fails with.
    static func failure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("route-compiler: \(message)\n".utf8))
        return ExitCode(1)
    }
}
