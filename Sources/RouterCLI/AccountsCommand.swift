import ArgumentParser
import Foundation
import OAuth
import RouterRuntime

/// `claude-router accounts`: every OAuth account with its state and token expiry, plus the
/// OAuth providers nobody has logged in to, and any unreadable token file.
struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "accounts", abstract: "List OAuth accounts, their state and token expiry.")

    @OptionGroup var data: DataDirOption

    func run() async throws {
        let table = CompiledTable.current
        let oauthProviders = table.providers.filter { $0.oauth != nil }.map(\.name)
        var rows: [[String]] = [["PROVIDER", "ACCOUNT", "STATE", "EXPIRES", "API BASE"]]
        var problems: [TokenStore.Problem] = []
        var seen = Set<String>()
        if FileManager.default.fileExists(atPath: data.resolved + "/auth") {
            let contents = try TokenStore(dataDirectory: data.resolved).loadAll()
            problems = contents.problems
            let now = Date()
            for record in contents.accounts {
                seen.insert(record.provider)
                rows.append([
                    record.provider, record.account, state(of: record, now: now).rawValue,
                    expiry(record.tokens.expiresAt, now: now),
                    record.tokens.resourceURL.map { OAuthCredential.apiBaseURL(fromResourceURL: $0) } ?? "-",
                ])
            }
        }
        for name in oauthProviders where !seen.contains(name) {
            rows.append([name, "-", "needs-login", "-", "-"])
        }
        if rows.count == 1 {
            print("No OAuth providers or accounts.")
        } else {
            print(Self.table(rows))
        }
        for problem in problems { print("skipped unreadable token file \(problem)") }
    }

    /// The CLI cannot see a refresh in flight in the router: an account is ok unless it was
    /// refused (`invalid_grant`) or can no longer be refreshed.
    private func state(of record: AccountRecord, now: Date) -> AccountState {
        if record.needsLogin { return .needsLogin }
        if let expiresAt = record.tokens.expiresAt, expiresAt <= now, record.tokens.refreshToken == nil { return .needsLogin }
        return .ok
    }

    private func expiry(_ date: Date?, now: Date) -> String {
        guard let date else { return "never" }
        let stamp = ISO8601DateFormatter().string(from: date)
        return date <= now ? "\(stamp) (expired)" : stamp
    }

    static func table(_ rows: [[String]]) -> String {
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
