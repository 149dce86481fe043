import ArgumentParser
import Foundation
import Hummingbird

/// `fake-auth-server`: an OAuth 2.0 authorization server on loopback for the router's tests.
/// It implements the authorization code grant with PKCE, the device authorization grant, client
/// credentials and OpenRouter's key exchange, issues short-lived access tokens and rotating
/// refresh tokens, counts every call (`GET /_fake/stats`), and serves a protected resource.
@main
struct FakeAuthServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fake-auth-server",
        abstract: "A fake OAuth 2.0 authorization server with call counters, for tests."
    )

    @Option(help: "The address to bind.") var host = "127.0.0.1"
    @Option(help: "The port to bind; 0 picks a free one (the listening line shows it).") var port = 0
    @Option(name: .customLong("access-ttl"), help: "Access token lifetime in seconds.") var accessTTL: Double = 5
    @Option(name: .customLong("device-ttl"), help: "Device code lifetime in seconds.") var deviceTTL: Double = 60
    @Option(name: .customLong("device-interval"), help: "Device polling interval in seconds.") var deviceInterval: Double = 1
    @Option(name: .customLong("client-id"), help: "The only client id accepted.") var clientID = "test-client"
    @Option(name: .customLong("client-secret"), help: "The client secret of the client credentials grant.") var clientSecret = "test-secret"
    @Option(name: .customLong("resource-url"), help: "A resource_url to include in token answers (as qwen-code does).") var resourceURL: String?
    @Option(name: .customLong("refresh-delay-ms"), help: "Delay before answering a refresh, to widen races.") var refreshDelayMS = 0

    func run() async throws {
        let options = ServerOptions(
            accessTTL: accessTTL, deviceTTL: deviceTTL, deviceInterval: deviceInterval, clientID: clientID,
            clientSecret: clientSecret, resourceURL: resourceURL, refreshDelay: .milliseconds(refreshDelayMS)
        )
        let state = AuthState(options: options)
        let router = FakeAuthRouter.make(state: state)
        let host = self.host
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                state.setBaseURL("http://\(host):\(bound)")
                // Tests wait for this line, so it goes out at once, with the port actually bound.
                FileHandle.standardOutput.write(Data("fake-auth-server listening on http://\(host):\(bound)\n".utf8))
            }
        )
        try await app.runService()
    }
}
