import ArgumentParser
import Foundation
import OAuth
import RouterRuntime

/// `claude-router logout <provider> [--account A]`: deletes the account's tokens (every account
/// of the provider when no account is named).
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logout", abstract: "Forget an OAuth account's tokens.")

    @Argument(help: "The provider's name in routes.yaml.") var provider: String
    @Option(help: "The account to forget (default: every account of the provider).") var account: String?
    @OptionGroup var data: DataDirOption

    func run() async throws {
        // Opening the store would create it (and a key) just to find it empty.
        guard FileManager.default.fileExists(atPath: data.resolved + "/auth") else {
            throw OAuthCommandFailure("no OAuth account for '\(provider)'")
        }
        let store = try TokenStore(dataDirectory: data.resolved)
        let targets: [AccountID]
        if let account {
            targets = [AccountID(provider: provider, account: account)]
        } else {
            targets = store.loadAll().accounts.filter { $0.provider == provider }.map(\.id)
        }
        var removed: [AccountID] = []
        for id in targets where try store.delete(id) { removed.append(id) }
        guard !removed.isEmpty else {
            throw OAuthCommandFailure("no OAuth account \(account.map { "'\($0)' " } ?? "")for '\(provider)'")
        }
        for id in removed { print("Logged out: \(id)") }
    }
}
