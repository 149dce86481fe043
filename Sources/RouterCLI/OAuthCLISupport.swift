import ArgumentParser
import AsyncHTTPClient
import Foundation
import OAuth
import RouteModel
import RouterRuntime

/// What the OAuth subcommands share: finding a provider's configuration and opening the store.
enum OAuthCLISupport {
    static func oauthSpec(of provider: String, in table: RouteTable) throws -> OAuthSpec {
        guard let spec = table.providers.first(where: { $0.name == provider })?.oauth else {
            let names = table.providers.filter { $0.oauth != nil }.map(\.name)
            throw ValidationError("'\(provider)' is not an OAuth provider of the compiled table; OAuth providers: \(names.isEmpty ? "none" : names.joined(separator: ", "))")
        }
        return spec
    }

    static func services(client: HTTPClient, dataDirectory: String) throws -> OAuthServices {
        try OAuthServices(table: CompiledTable.current, dataDirectory: dataDirectory, environment: ProcessInfo.processInfo.environment, client: client)
    }
}

/// A runtime failure of an OAuth subcommand: printed as `Error: …`, exit status 1 (a
/// `ValidationError` would add the usage text, which is for bad arguments).
struct OAuthCommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
