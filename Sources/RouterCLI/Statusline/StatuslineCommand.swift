import ArgumentParser
import Foundation

/// `claude-router statusline`: the command for Claude Code's `statusLine` setting. Reads the
/// session JSON Claude Code pipes to it and prints one line (see ``StatusLineText``), from the
/// usage log and a connect probe only, so it answers in milliseconds and says something sensible
/// when the router is down.
struct StatuslineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statusline",
        abstract: "One status line for Claude Code's statusLine setting (reads its JSON on stdin)."
    )

    @Option(help: "The router's address to probe (default: from $ANTHROPIC_BASE_URL, else $CLAUDE_ROUTER_HOST, else 127.0.0.1).")
    var host: String?
    @Option(help: "The router's port (default: from $ANTHROPIC_BASE_URL, else $CLAUDE_ROUTER_PORT, else 8787).")
    var port: Int?
    @OptionGroup var data: DataDirOption

    func run() throws {
        let input = StatusInput(json: FileHandle.standardInput.readDataToEndOfFile())
        let usage = TodayUsage.load(dataDirectory: data.resolved)
        let listening = probeAddress().map { PortProbe.isListening(host: $0.host, port: $0.port) }
        print(StatusLineText.line(askedModel: input.askedModel, usage: usage, last: usage.last(for: input.modelID), routerListening: listening))
    }

    /// Where the router Claude Code talks to listens; nil when that is not an address this
    /// machine can probe quickly (then the line claims nothing about it).
    private func probeAddress() -> (host: String, port: Int)? {
        let environment = ProcessInfo.processInfo.environment
        if host == nil, port == nil, let base = environment["ANTHROPIC_BASE_URL"], let url = URLComponents(string: base),
           let baseHost = url.host {
            let port = url.port ?? (url.scheme == "https" ? 443 : 80)
            return Self.isIPv4Loopback(baseHost) ? (baseHost, port) : nil
        }
        guard let address = try? ListenAddress.resolve(host: host, port: port, environment: environment) else { return nil }
        let probeHost = address.host == "0.0.0.0" ? "127.0.0.1" : address.host
        return Self.isIPv4Loopback(probeHost) ? (probeHost, address.port) : nil
    }

    private static func isIPv4Loopback(_ host: String) -> Bool {
        host == "localhost" || host.hasPrefix("127.")
    }
}
