import ArgumentParser

/// Where `serve` listens: the flag, else the environment (`CLAUDE_ROUTER_HOST`,
/// `CLAUDE_ROUTER_PORT`, as the container image sets them), else 127.0.0.1:8787.
struct ListenAddress {
    let host: String
    let port: Int

    static let defaultHost = "127.0.0.1"
    static let defaultPort = 8787

    static func resolve(host: String?, port: Int?, environment: [String: String]) throws -> ListenAddress {
        let hostValue = host ?? environment["CLAUDE_ROUTER_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultHost
        if let port { return ListenAddress(host: hostValue, port: port) }
        guard let text = environment["CLAUDE_ROUTER_PORT"], !text.isEmpty else {
            return ListenAddress(host: hostValue, port: defaultPort)
        }
        guard let value = Int(text), (0...65535).contains(value) else {
            throw ValidationError("CLAUDE_ROUTER_PORT must be a port number (0-65535), not '\(text)'")
        }
        return ListenAddress(host: hostValue, port: value)
    }
}
