import Foundation

/// A request Claude Code sent, as captured in `Tests/Fixtures/claude-code/*.json`.
public struct ClaudeCodeCapture: Sendable {
    /// The capture's file name without `.json`, e.g. `01-say-hi-turn1`.
    public let name: String
    /// The request body as compact JSON bytes, the form it has on the wire.
    public let body: [UInt8]
    /// `X-Claude-Code-Session-Id`, which the translators may use as the provider's cache key.
    public let sessionID: String?
}

/// The captured Claude Code requests, shared by the benchmark targets.
///
/// The captures are the tests' own, in the repository (`Tests/Fixtures/claude-code/`); a
/// missing one stops the benchmark with its path.
public enum ClaudeCodeFixtures {
    public static func loadAll() -> [ClaudeCodeCapture] {
        let directory = locateDirectory()
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            fatalError("cannot list the Claude Code captures in \(directory.path): \(error)")
        }
        guard !names.isEmpty else { fatalError("no Claude Code captures (*.json) in \(directory.path)") }
        return names.map { load(directory.appendingPathComponent($0)) }
    }

    /// One capture by name (without `.json`).
    public static func load(named name: String) -> ClaudeCodeCapture {
        load(locateDirectory().appendingPathComponent(name + ".json"))
    }

    /// Compact JSON as a client sends it: the captures are pretty-printed, and Foundation
    /// escapes `/` by default, which would turn every path in the prompt into an escaped string.
    public static func compactJSON(_ object: Any) -> [UInt8] {
        do {
            return [UInt8](try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
        } catch {
            fatalError("cannot serialize a benchmark request body: \(error)")
        }
    }

    private static func load(_ file: URL) -> ClaudeCodeCapture {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(contentsOf: file))
        } catch {
            fatalError("cannot read the Claude Code capture \(file.path): \(error)")
        }
        guard let capture = object as? [String: Any], let body = capture["body"] else {
            fatalError("\(file.path) is not a capture: expected an object with a 'body'")
        }
        let headers = capture["headers"] as? [String: Any]
        return ClaudeCodeCapture(
            name: file.deletingPathExtension().lastPathComponent,
            body: compactJSON(body),
            sessionID: headers?["X-Claude-Code-Session-Id"] as? String
        )
    }

    private static func locateDirectory() -> URL {
        // This file is <checkout>/Benchmarks/Benchmarks/ClaudeCodeFixtures/; the captures are
        // <checkout>/Tests/Fixtures/claude-code.
        let directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .appendingPathComponent("../../../Tests/Fixtures/claude-code")
            .standardizedFileURL
        guard FileManager.default.fileExists(atPath: directory.path) else {
            fatalError("Claude Code captures not found at \(directory.path)")
        }
        return directory
    }
}
