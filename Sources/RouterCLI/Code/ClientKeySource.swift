import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The client key `claude-router code` gives Claude Code: `$CLAUDE_ROUTER_CLIENT_KEY`, else
/// asked on the terminal without echo; a router without `clients:` asks none.
enum ClientKeySource {
    static let variable = "CLAUDE_ROUTER_CLIENT_KEY"
    /// Sent when the router has no clients: it checks no key, but Claude Code wants one.
    static let placeholder = "claude-router-local"

    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "this router checks client keys (routes.yaml has clients:): set \(ClientKeySource.variable) to yours, or run from a terminal to be asked for it"
        }
    }

    static func key(routerHasClients: Bool, environment: [String: String]) throws(Missing) -> String {
        if let key = environment[variable], !key.isEmpty { return key }
        guard routerHasClients else { return placeholder }
        guard isatty(STDIN_FILENO) == 1, let typed = getpass("Client key for claude-router (\(variable)): ") else { throw Missing() }
        let key = String(cString: typed).trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { throw Missing() }
        return key
    }
}
