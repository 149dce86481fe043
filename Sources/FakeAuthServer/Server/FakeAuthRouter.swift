import Hummingbird

/// Assembles the fake server's routes.
enum FakeAuthRouter {
    static func make(state: AuthState) -> Router<BasicRequestContext> {
        let router = Router()
        AuthorizationEndpoints(state: state).register(on: router)
        GrantEndpoints(state: state).register(on: router)
        ResourceEndpoints(state: state).register(on: router)
        ControlEndpoints(state: state).register(on: router)
        return router
    }
}
