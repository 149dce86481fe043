import Hummingbird

/// Lets a request through only with a valid client key (for the operator's endpoints that are
/// not model traffic, such as starting an OAuth login).
struct ClientAuthMiddleware: RouterMiddleware {
    typealias Context = RouterRequestContext
    let authenticator: ClientAuthenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do throws(RouterError) {
            _ = try authenticator.authenticate(request.headers)
        } catch {
            return ResponseFactory.error(error, format: .openai, requestID: context.requestID)
        }
        return try await next(request, context)
    }
}
