import HTTPTypes
import Hummingbird
import RouteModel

/// Catches whatever escapes a handler (Hummingbird's own 404 for an unknown path included) and
/// answers in the caller's format with the routing headers, never with an empty or HTML page.
struct ErrorFormatMiddleware: RouterMiddleware {
    typealias Context = RouterRequestContext
    let completion: RequestCompletion

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let format = CallerFormat.detect(path: request.uri.path, headers: request.headers)
            let routerError: RouterError
            switch error {
            case let error as RouterError:
                routerError = error
            case let error as HTTPError where error.status == .notFound || error.status == .methodNotAllowed:
                routerError = .noSuchEndpoint(method: request.method.rawValue, path: request.uri.path)
            default:
                routerError = .internalFailure("unexpected error: \(type(of: error))")
            }
            var record = RequestRecord(requestID: context.requestID, endpoint: request.uri.path, inbound: format)
            record.fail(with: routerError)
            completion.finish(record)
            return ResponseFactory.error(routerError, format: format, requestID: context.requestID)
        }
    }
}
