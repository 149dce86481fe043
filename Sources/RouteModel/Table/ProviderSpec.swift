/// One upstream endpoint family, fully resolved from the catalog preset and `routes.yaml`.
///
/// Credentials are never part of a spec: `keyEnv` names the environment variables the runtime
/// reads when it starts.
public struct ProviderSpec: Sendable {
    public let name: String
    /// The catalog preset it came from, if any (for display only).
    public let preset: String?
    public let wireProtocol: WireProtocol
    /// Base URL without a trailing slash. Anthropic-protocol requests go to `{base}/v1/messages`,
    /// OpenAI-protocol requests to `{base}/chat/completions`.
    public let baseURL: String
    public let auth: AuthStyle
    /// Environment variable names of the key pool, in rotation order.
    public let keyEnv: [String]
    /// Model ids the provider is known to serve, with their output caps.
    public let models: [ModelInfo]
    public let quirks: ProviderQuirks
    /// Extra headers sent upstream; values are literal (`env:` values are listed in `headerEnv`).
    public let headers: [HeaderSpec]
    /// The OAuth client configuration when `auth == .oauth`.
    public let oauth: OAuthSpec?
    /// Most requests in flight to this provider at once; nil means unlimited.
    public let maxConcurrency: Int?

    public init(
        name: String, preset: String?, wireProtocol: WireProtocol, baseURL: String, auth: AuthStyle,
        keyEnv: [String], models: [ModelInfo], quirks: ProviderQuirks, headers: [HeaderSpec] = [],
        oauth: OAuthSpec? = nil, maxConcurrency: Int? = nil
    ) {
        self.name = name
        self.preset = preset
        self.wireProtocol = wireProtocol
        self.baseURL = baseURL
        self.auth = auth
        self.keyEnv = keyEnv
        self.models = models
        self.quirks = quirks
        self.headers = headers
        self.oauth = oauth
        self.maxConcurrency = maxConcurrency
    }

    /// The output cap of a listed model, nil when unknown.
    public func maxOutputTokens(of model: String) -> Int? {
        models.first(where: { $0.id == model })?.maxOutputTokens
    }

    /// The price of a listed model, nil when unknown.
    public func price(of model: String) -> ModelPrice? {
        models.first(where: { $0.id == model })?.price
    }

    /// Whether a model reads images; a model the catalog does not list (or lists without
    /// `vision: false`) is assumed to, so only models known to be text-only are skipped.
    public func canSeeImages(_ model: String) -> Bool {
        models.first(where: { $0.id == model })?.vision ?? true
    }
}

/// A model id a provider serves, with what the catalog knows of its limits and price.
public struct ModelInfo: Sendable, Equatable {
    public let id: String
    public let maxOutputTokens: Int?
    /// What a request to it costs; nil when unknown (its usage lines carry `cost_usd: null`).
    public let price: ModelPrice?
    /// Whether it reads image blocks; false keeps image requests away from it (`vision: false`).
    public let vision: Bool

    public init(id: String, maxOutputTokens: Int? = nil, price: ModelPrice? = nil, vision: Bool = true) {
        self.id = id
        self.maxOutputTokens = maxOutputTokens
        self.price = price
        self.vision = vision
    }
}

/// A header added to every upstream request of a provider.
public struct HeaderSpec: Sendable, Equatable {
    public let name: String
    /// The literal value, or the environment variable to read it from.
    public let value: Value

    public enum Value: Sendable, Equatable {
        case literal(String)
        case env(String)
    }

    public init(name: String, value: Value) {
        self.name = name
        self.value = value
    }
}

/// OAuth 2.0 client settings of a provider.
public struct OAuthSpec: Sendable, Equatable {
    public enum Flow: String, Sendable, CaseIterable {
        case device
        case authorizationCode = "authorization_code"
        case clientCredentials = "client_credentials"
    }

    public let flow: Flow
    public let deviceURL: String?
    public let authorizeURL: String?
    public let tokenURL: String
    public let clientID: String
    /// Environment variable holding the client secret, when the flow needs one.
    public let clientSecretEnv: String?
    public let scopes: [String]
    public let pkce: Bool

    public init(
        flow: Flow, deviceURL: String?, authorizeURL: String?, tokenURL: String, clientID: String,
        clientSecretEnv: String?, scopes: [String], pkce: Bool
    ) {
        self.flow = flow
        self.deviceURL = deviceURL
        self.authorizeURL = authorizeURL
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecretEnv = clientSecretEnv
        self.scopes = scopes
        self.pkce = pkce
    }
}
