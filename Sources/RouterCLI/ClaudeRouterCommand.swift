import ArgumentParser
import Foundation
import RouteModel
import RouterRuntime

/// The `claude-router` command line. The executable that links a compiled table calls
/// ``ClaudeRouterCommand/main(table:)``; every subcommand reads that table.
public struct ClaudeRouterCommand: AsyncParsableCommand {
    /// Computed, not stored: `--version` reads the table installed by ``main(table:)``.
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
        commandName: "claude-router",
        abstract: "A model relay for Claude Code and OpenAI- or Anthropic-speaking clients.",
        version: RouterVersion.text(for: CompiledTable.current),
        subcommands: [ServeCommand.self, RouteCommand.self, LoginCommand.self, LogoutCommand.self, AccountsCommand.self, UsageCommand.self, CodeCommand.self, StatuslineCommand.self],
        defaultSubcommand: ServeCommand.self
        )
    }

    public init() {}

    /// Parses the process arguments and runs the chosen subcommand against `table`.
    /// `wallClock` is the server's calendar time (the e2e binary passes a simulated one).
    public static func main(table: RouteTable, wallClock: WallClock = .system) async {
        LineBufferedOutput.install()
        CompiledTable.install(table, wallClock: wallClock)
        await main()
    }
}

/// The table the executable was linked with, set once before any subcommand runs.
enum CompiledTable {
    nonisolated(unsafe) private static var installed: RouteTable?
    /// The calendar time `serve` runs on.
    nonisolated(unsafe) private(set) static var wallClock = WallClock.system

    static func install(_ table: RouteTable, wallClock: WallClock = .system) {
        installed = table
        self.wallClock = wallClock
    }

    static var current: RouteTable {
        guard let installed else { fatalError("ClaudeRouterCommand.main(table:) was not called") }
        return installed
    }
}

/// Options every subcommand takes.
struct DataDirOption: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "State directory (default: $CLAUDE_ROUTER_DATA_DIR, else ~/.claude-router).")
    var dataDir: String?

    /// The directory to use, resolved from the flag, the environment or the home directory.
    var resolved: String {
        if let dataDir { return dataDir }
        if let env = ProcessInfo.processInfo.environment["CLAUDE_ROUTER_DATA_DIR"], !env.isEmpty { return env }
        // $HOME first, as shells do; the passwd entry only when it is unset.
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { return home + "/.claude-router" }
        return NSString(string: "~/.claude-router").expandingTildeInPath
    }
}
