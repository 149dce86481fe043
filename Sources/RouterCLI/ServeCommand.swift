import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RouteModel
import RouterRuntime
import ServiceLifecycle

/// `claude-router serve`: runs the relay on the compiled table.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the compiled routes (the default subcommand)."
    )

    @Option(help: "Address to bind (default: $CLAUDE_ROUTER_HOST, else 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (default: $CLAUDE_ROUTER_PORT, else 8787).") var port: Int?
    @OptionGroup var data: DataDirOption

    func run() async throws {
        let table = CompiledTable.current
        let address = try ListenAddress.resolve(host: host, port: port, environment: ProcessInfo.processInfo.environment)
        let host = address.host, port = address.port
        if table.clients.isEmpty, !BindPolicy.isLoopback(host) {
            throw ValidationError(
                "refusing to listen on \(host): no clients are configured, so the router has no auth. "
                    + "Add clients with key_sha256 to routes.yaml, or bind a loopback address such as 127.0.0.1."
            )
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardOutput(label: label)
            handler.logLevel = .info
            return handler
        }
        let logger = Logger(label: "claude-router")
        let environment = ProcessInfo.processInfo.environment
        print(TableSummary.text(for: table, environment: environment))
        if table.clients.isEmpty { print("no clients configured: loopback only, no auth") }
        let app = try RouterServer.makeApplication(
            table: table, host: host, port: port, environment: environment, logger: logger,
            dataDirectory: data.resolved, wallClock: CompiledTable.wallClock, onServerRunning: { [host] boundPort in
                print("claude-router listening on http://\(host):\(boundPort)")
                fflush(nil)
            }
        )
        let group = ServiceGroup(
            configuration: .init(
                services: [app], gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [],
                logger: logger
            ).withGraceDeadline(table.limits.shutdownGraceMS)
        )
        try await group.run()
    }
}

extension ServiceGroupConfiguration {
    /// In-flight requests get `milliseconds` after SIGTERM/SIGINT; then they are cancelled.
    func withGraceDeadline(_ milliseconds: Int) -> Self {
        var copy = self
        copy.maximumGracefulShutdownDuration = .milliseconds(milliseconds)
        copy.maximumCancellationDuration = .seconds(5)
        return copy
    }
}
