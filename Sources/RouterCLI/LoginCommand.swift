import ArgumentParser
import AsyncHTTPClient
import Foundation
import OAuth
import RouteModel
import RouterRuntime

/// `claude-router login <provider>`: runs the provider's OAuth flow and saves the account in the
/// token store. Authorization-code logins take the redirect on a one-shot loopback listener.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Log in to an OAuth provider (prints the URL and user code, then waits)."
    )

    @Argument(help: "The provider's name in routes.yaml.") var provider: String
    @Flag(name: .customLong("no-browser"), help: "Print the URL instead of opening a browser.") var noBrowser = false
    @Option(help: "The account's name in the provider's pool.") var account = "default"
    @Option(name: .customLong("callback-port"), help: "Loopback port for the redirect (0: any free port).") var callbackPort = 0
    @OptionGroup var data: DataDirOption

    func validate() throws {
        guard OAuthEndpointHandlers.isValidAccountName(account) else {
            throw ValidationError("account names use letters, digits, '.', '_', '-', '@' (at most 64)")
        }
    }

    func run() async throws {
        let spec = try OAuthCLISupport.oauthSpec(of: provider, in: CompiledTable.current)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let services = try OAuthCLISupport.services(client: http, dataDirectory: data.resolved)
            let flow = try await login(with: services, flow: spec.flow)
            try await http.shutdown()
            try report(flow)
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    private func login(with services: OAuthServices, flow kind: OAuthSpec.Flow) async throws -> LoginFlow? {
        let logins = services.logins
        let provider = self.provider
        let account = self.account
        switch kind {
        case .authorizationCode:
            let endpoints = services.endpoints
            let openBrowser = !noBrowser
            return try await LoopbackCallbackListener.run(port: callbackPort, handler: { await endpoints.callback(query: $0) }) { redirect in
                let flow = try await logins.begin(provider: provider, account: account, redirectURI: redirect)
                let url = flow.url ?? ""
                print("Open this URL to log in to \(provider):\n\n  \(url)\n\nWaiting for the redirect to \(redirect) …")
                if openBrowser { BrowserOpener.open(url) }
                let finished = await logins.waitUntilFinished(flow.id)
                // Let the browser receive its page before the listener goes away.
                try? await Task.sleep(for: .milliseconds(300))
                return finished
            }
        case .device:
            let flow = try await logins.begin(provider: provider, account: account, redirectURI: "")
            print("To log in to \(provider), open\n\n  \(flow.url ?? "")\n\nand enter the code  \(flow.userCode ?? "")\n\nWaiting for approval …")
            if !noBrowser, let url = flow.url { BrowserOpener.open(url) }
            return await logins.waitUntilFinished(flow.id)
        case .clientCredentials:
            return try await logins.begin(provider: provider, account: account, redirectURI: "")
        }
    }

    private func report(_ flow: LoginFlow?) throws {
        switch flow?.state {
        case .succeeded(let id)?:
            print("Logged in: \(id). Tokens are in \(data.resolved)/auth/.")
        case .failed(let reason)?:
            throw OAuthCommandFailure("login failed: \(reason)")
        case .pending?, nil:
            throw OAuthCommandFailure("login did not finish")
        }
    }
}

/// Best effort: a desktop may have `xdg-open`; a server does not, and the URL is printed anyway.
enum BrowserOpener {
    static func open(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}
