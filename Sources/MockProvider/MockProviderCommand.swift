import ArgumentParser
import Foundation
import Hummingbird

/// `mock-provider`: a scriptable Anthropic- and OpenAI-protocol upstream for the router's
/// integration tests, end-to-end tests and benchmarks.
@main
struct MockProviderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock-provider",
        abstract: "A scriptable Anthropic Messages and OpenAI Chat Completions upstream."
    )

    @Option(help: "The address to bind.")
    var host = "127.0.0.1"

    @Option(help: "The port to bind; 0 picks a free one (the listening line shows it).")
    var port = 0

    @Option(help: "The name shown in the listening line and /healthz.")
    var name = "mock"

    @Option(name: .customLong("require-key"), help: "Answer 401 unless x-api-key or a bearer token equals this.")
    var requiredKey: String?

    @Option(help: "Comma-separated model ids that /v1/models lists.")
    var models = "mock-model"

    @Option(name: .customLong("record-limit"), help: "How many recent requests /_mock/requests keeps.")
    var recordLimit = 10_000

    @Flag(name: .customLong("verify-signatures"), help: "Reject Anthropic requests carrying thinking this process did not sign, as Anthropic does.")
    var verifySignatures = false

    func run() async throws {
        let store = ScriptStore(recordCapacity: recordLimit)
        let router = MockServer.router(
            store: store,
            name: name,
            requiredKey: requiredKey,
            models: models.split(separator: ",").map { String($0) },
            verifiesSignatures: verifySignatures
        )
        let host = self.host
        let name = self.name
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                // Tests wait for this line, so it goes out at once, with the port actually bound.
                let bound = channel.localAddress?.port ?? 0
                let line = "mock-provider \(name) listening on http://\(host):\(bound)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        )
        try await app.runService()
    }
}
