import AsyncHTTPClient
import Foundation
import Logging
import RouteModel

/// The OAuth pieces the router (or a CLI command) runs with, made from the compiled table: the
/// token manager of the request path, the login service and the endpoint handlers.
public struct OAuthServices: Sendable {
    public let providers: [OAuthProvider]
    public let store: TokenStore
    public let manager: TokenManager
    public let logins: LoginService
    public let endpoints: OAuthEndpointHandlers

    /// Opens `<dataDirectory>/auth` (creating it and its key when missing). `client` is shared
    /// with the caller, who shuts it down.
    public init(
        table: RouteTable, dataDirectory: String, environment: [String: String], client: HTTPClient,
        logger: Logger = Logger(label: "oauth")
    ) throws(OAuthError) {
        try self.init(providers: OAuthProvider.all(in: table, environment: environment), dataDirectory: dataDirectory, environment: environment, client: client, logger: logger)
    }

    public init(
        providers: [OAuthProvider], dataDirectory: String, environment: [String: String], client: HTTPClient,
        logger: Logger = Logger(label: "oauth")
    ) throws(OAuthError) {
        self.providers = providers
        store = try TokenStore(dataDirectory: dataDirectory, environment: environment)
        manager = TokenManager(store: store, providers: providers, client: client, logger: logger)
        logins = LoginService(providers: providers, client: client, manager: manager, logger: logger)
        endpoints = OAuthEndpointHandlers(logins: logins, manager: manager)
    }
}
