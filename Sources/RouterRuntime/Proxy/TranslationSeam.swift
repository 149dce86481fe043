import RouteModel

/// How a request reaches an upstream of a given protocol: as the client's bytes with the model
/// replaced (same protocol), or through a translator (different protocols).
///
/// The translators (`Sources/Translators`) plug in here: `plan` is the only place that decides,
/// and ``AttemptExecutor`` and ``StreamRelay`` take the plan's body and stream mapping as given.
enum TranslationPlan: Sendable {
    /// Same protocol: forward bytes, rewrite `model`.
    case passthrough

    static func plan(inbound: WireProtocol, provider: ProviderSpec) throws(RouterError) -> TranslationPlan {
        guard inbound == provider.wireProtocol else {
            throw .translationUnavailable(provider: provider.name, providerProtocol: provider.wireProtocol, inbound: inbound)
        }
        return .passthrough
    }
}
