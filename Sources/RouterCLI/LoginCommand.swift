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
                print(Self.authorizationPrompt(provider: provider, url: url, redirect: redirect, openingBrowser: openBrowser))
                if openBrowser { BrowserOpener.open(url) }
                let finished = await Self.waitForRedirectOrPaste(flow: flow, logins: logins, endpoints: endpoints)
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

    /// What the person must do, said so that it works wherever the browser runs: the loopback
    /// redirect when it can reach this machine, a paste on stdin when it cannot.
    static func authorizationPrompt(provider: String, url: String, redirect: String, openingBrowser: Bool) -> String {
        let opening = openingBrowser
            ? "Opening a browser to log in to \(provider). If none opens, open this URL:"
            : "Open this URL in a browser to log in to \(provider) (--no-browser: none is opened here):"
        return """
            \(opening)

              \(url)

            Waiting for the redirect to \(redirect) …
            If the browser cannot reach this machine (SSH, a container), paste the address it ends on
            (or just the code) here and press Enter.
            """
    }

    private enum Outcome: Sendable {
        case finished(LoginFlow?)
        case inputEnded
    }

    /// The loopback redirect and a pasted redirect race; whichever completes the flow first wins.
    /// A paste that does not complete it (wrong or stale address) is said so, and waiting goes on.
    private static func waitForRedirectOrPaste(flow: LoginFlow, logins: LoginService, endpoints: OAuthEndpointHandlers) async -> LoginFlow? {
        let loginURL = flow.url ?? ""
        return await withTaskGroup(of: Outcome.self) { group in
            group.addTask { .finished(await logins.waitUntilFinished(flow.id)) }
            group.addTask {
                for await line in StandardInputLines.stream() {
                    guard let query = PastedRedirect.callbackQuery(from: line, loginURL: loginURL) else { continue }
                    let reply = await endpoints.callback(query: query)
                    if reply.status == 200 { break }
                    print("That did not complete the login: \(reply.body.trimmingCharacters(in: .whitespacesAndNewlines)) Paste the address again, or wait for the redirect.")
                }
                return .inputEnded
            }
            for await outcome in group {
                if case .finished(let finished) = outcome {
                    group.cancelAll()
                    return finished
                }
            }
            return nil
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
