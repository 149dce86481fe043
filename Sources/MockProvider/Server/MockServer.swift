import Hummingbird

/// Assembles the mock's routes: both generation protocols, the info endpoints and the control
/// API, all over one script store.
enum MockServer {
    static func router(
        store: ScriptStore,
        name: String,
        requiredKey: String?,
        models: [String],
        verifiesSignatures: Bool = false
    ) -> Router<MockRequestContext> {
        let router = Router(context: MockRequestContext.self)
        let admission = RequestAdmission(store: store, requiredKey: requiredKey, verifiesSignatures: verifiesSignatures)
        let generation = GenerationEndpoint(store: store, admission: admission)
        router.post("/v1/messages") { request, context in
            try await generation.respond(to: request, context: context, wire: .anthropic)
        }
        // DeepSeek-style bases have no `/v1`.
        for path in ["/v1/chat/completions", "/chat/completions"] {
            router.post(RouterPath(path)) { request, context in
                try await generation.respond(to: request, context: context, wire: .openai)
            }
        }
        InfoEndpoints(store: store, admission: admission, name: name, models: models).register(on: router)
        ControlEndpoints(store: store).register(on: router)
        return router
    }
}
