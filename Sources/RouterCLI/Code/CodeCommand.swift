import ArgumentParser
import AsyncHTTPClient
import Foundation

/// `claude-router code [claude args…]`: Claude Code pointed at this router through its
/// environment only (`ANTHROPIC_BASE_URL`, `ANTHROPIC_API_KEY`), so nothing is written to the
/// user's Claude Code settings. When no router answers on the configured address one is started
/// in the background first, and stopped when Claude Code exits.
struct CodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Run Claude Code through this router (starting the router if none answers).",
        discussion: "Arguments after the options go to claude as they are: claude-router code -p \"fix the test\"."
    )

    @Option(name: .customLong("claude"), help: "The Claude Code executable (default: $CLAUDE_BIN, else claude on PATH).")
    var claudePath: String?
    @Option(help: "The router's address (default: $CLAUDE_ROUTER_HOST, else 127.0.0.1).") var host: String?
    @Option(help: "The router's port (default: $CLAUDE_ROUTER_PORT, else 8787).") var port: Int?
    @OptionGroup var data: DataDirOption
    @Argument(parsing: .captureForPassthrough, help: "Arguments for claude.") var claudeArguments: [String] = []

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let claude: String
        do { claude = try ClaudeCodeLocator.locate(flag: claudePath, environment: environment) } catch {
            throw Self.failure(error.description, status: 127)
        }
        let address = try ListenAddress.resolve(host: host, port: port, environment: environment)
        let key = try ClientKeySource.key(routerHasClients: !CompiledTable.current.clients.isEmpty, environment: environment)
        let baseURL = Self.baseURL(host: address.host, port: address.port)

        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        var started: BackgroundRouter?
        do {
            if await !RouterHealth.answers(baseURL, client: http) {
                started = try await BackgroundRouter.start(
                    host: address.host, port: address.port, dataDirectory: data.resolved, baseURL: baseURL, client: http
                )
                Self.say("started a router on \(baseURL) for this session (log: \(started?.logPath ?? "-")); it stops when Claude Code exits")
            }
            try await http.shutdown()
        } catch {
            try? await http.shutdown()
            throw Self.failure("\(error)", status: 1)
        }

        var childEnvironment = environment
        childEnvironment["ANTHROPIC_BASE_URL"] = baseURL
        childEnvironment["ANTHROPIC_API_KEY"] = key
        // A token here would be sent instead of the key.
        childEnvironment["ANTHROPIC_AUTH_TOKEN"] = nil
        let status: Int32
        do {
            status = try await ForegroundChild.run(claude, arguments: claudeArguments, environment: childEnvironment)
        } catch {
            started?.stop()
            throw Self.failure(error.description, status: 126)
        }
        if let started {
            started.stop()
            Self.say("stopped the router on \(baseURL)")
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// Where Claude Code connects: a wildcard bind address is reached on loopback.
    static func baseURL(host: String, port: Int) -> String {
        switch host {
        case "0.0.0.0", "": return "http://127.0.0.1:\(port)"
        case "::", "[::]": return "http://[::1]:\(port)"
        default: return host.contains(":") && !host.hasPrefix("[") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
        }
    }

    /// Says why on stderr and ends with `status` (127: Claude Code not found, as a shell does).
    private static func failure(_ message: String, status: Int32) -> ExitCode {
        FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
        return ExitCode(status)
    }

    /// The command's own notes go to stderr: stdout is Claude Code's (`-p --output-format json`).
    private static func say(_ line: String) {
        FileHandle.standardError.write(Data("claude-router: \(line)\n".utf8))
    }
}
