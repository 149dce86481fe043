import RouteModel

/// `routes.yaml` as written, typed, with source positions; nothing resolved yet.
struct RoutesConfig {
    var version: Located<Int>?
    var providers: [ProviderConfig] = []
    var models: [ModelConfig] = []
    var routes: [RouteConfig] = []
    var clients: [ClientConfig] = []
    var limits = LimitsConfig()
}

/// A reference to a secret: only `env:NAME` is accepted, so no secret is ever compiled in.
struct SecretRef: Equatable {
    let envName: String
}

/// One entry of `providers:`; preset values fill whatever is not set here.
struct ProviderConfig {
    var name: Located<String>
    var preset: Located<String>?
    var fields: ProviderFields
}

/// What a provider entry and a catalog preset may both say; nil means "not said here".
struct ProviderFields {
    var wireProtocol: Located<WireProtocol>?
    var baseURL: Located<String>?
    var auth: Located<AuthStyle>?
    var keys: [Located<SecretRef>]?
    /// The environment variable read when no `keys` are listed (catalog presets).
    var keyEnv: Located<String>?
    var models: [ModelEntryConfig]?
    var quirks: [Located<String>]?
    var thinking: Located<ProviderQuirks.ThinkingSwitch>?
    var rejectBetas: [Located<String>]?
    var headers: [HeaderConfig]?
    var oauth: OAuthConfig?
    var maxConcurrency: Located<Int>?
}

/// A model id a provider serves, optionally with its output cap, price and whether it reads images.
struct ModelEntryConfig {
    var id: Located<String>
    var maxOutputTokens: Located<Int>?
    var price: ModelPrice?
    var vision: Located<Bool>?
}

struct HeaderConfig {
    var name: Located<String>
    var value: Located<HeaderSpec.Value>
}

struct OAuthConfig {
    var location: SourceLocation
    var flow: Located<OAuthSpec.Flow>?
    var deviceURL: Located<String>?
    var authorizeURL: Located<String>?
    var tokenURL: Located<String>?
    var clientID: Located<String>?
    var clientSecret: Located<SecretRef>?
    var scopes: [Located<String>] = []
    var pkce: Located<Bool>?
}

/// One entry of `models:`: an alias (a single target) or a combo.
enum ModelConfig {
    case alias(name: Located<String>, target: Located<String>)
    case combo(ComboConfig)

    var name: Located<String> {
        switch self {
        case .alias(let name, _): name
        case .combo(let combo): combo.name
        }
    }
}

struct ComboConfig {
    var name: Located<String>
    var members: [(ref: Located<String>, weight: Located<Int>)] = []
    var rules: [RuleConfig] = []
    var fallback: [Located<String>] = []
    var sticky: Located<ComboSpec.Stickiness>?
}

struct RuleConfig {
    var location: SourceLocation
    var keywords: [Located<String>]?
    var image: Located<Bool>?
    var thinking: Located<Bool>?
    var toolsInclude: [Located<String>]?
    var inputTokensOver: Located<Int>?
    var model: Located<String>?
    var use: Located<String>
}

struct RouteConfig {
    var pattern: Located<String>
    var ref: Located<String>
}

struct ClientConfig {
    var name: Located<String>
    var keySHA256: Located<[UInt8]>
    var rpm: Located<Int>?
    var tpm: Located<Int>?
    var maxConcurrent: Located<Int>?
    var models: [Located<String>]?
    var admin: Located<Bool>?
    var budget: ClientBudget?
}

/// `limits:`; every value is optional and falls back to ``RouterLimits``' defaults.
struct LimitsConfig {
    var connectTimeoutMS: Located<Int>?
    var firstByteTimeoutMS: Located<Int>?
    var idleTimeoutMS: Located<Int>?
    var requestTimeoutMS: Located<Int>?
    var maxAttempts: Located<Int>?
    var retryBackoffMS: Located<Int>?
    var cooldownAfterFailures: Located<Int>?
    var cooldownMS: Located<Int>?
    var maxBodyBytes: Located<Int>?
    var shutdownGraceMS: Located<Int>?
    var headerTimeoutMS: Located<Int>?
    var bodyTimeoutMS: Located<Int>?
    var maxHeaderBytes: Located<Int>?
    var maxHeaderCount: Located<Int>?
}
