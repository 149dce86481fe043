import Foundation

/// Finds the Claude Code executable: `--claude PATH`, else `$CLAUDE_BIN`, else `claude` on `$PATH`.
enum ClaudeCodeLocator {
    struct NotFound: Error, CustomStringConvertible {
        let description: String
    }

    static func locate(flag: String?, environment: [String: String]) throws(NotFound) -> String {
        if let explicit = flag ?? environment["CLAUDE_BIN"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard FileManager.default.isExecutableFile(atPath: explicit) else {
                throw NotFound(description: "Claude Code not found at \(explicit) (from \(flag != nil ? "--claude" : "CLAUDE_BIN")): no executable file there")
            }
            return explicit
        }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/claude"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw NotFound(description: """
            Claude Code (`claude`) is not on PATH. Install it (npm install -g @anthropic-ai/claude-code, \
            see https://docs.claude.com/en/docs/claude-code), or name it with --claude PATH or CLAUDE_BIN.
            """)
    }
}
