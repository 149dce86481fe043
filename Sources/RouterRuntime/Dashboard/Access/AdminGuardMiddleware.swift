import HTTPTypes
import Hummingbird
import NIOCore
import OAuth

/// Lets through only what ``AdminAccess`` grants, on the admin surface: `/ui/` pages, the
/// `/v1/admin/…` JSON and the OAuth login endpoints.
///
/// A browser without a session asking for a page is sent to `/ui/login`; everything else
/// refused gets a JSON error (401 without or with wrong credentials, 403 for a non-admin or a
/// state-changing request without its CSRF token).
struct AdminGuardMiddleware: RouterMiddleware {
    typealias Context = RouterRequestContext
    let access: AdminAccess
    /// Form bodies read to find their CSRF field (the preview's routes.yaml is the largest).
    static let formLimit = 1 << 20

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let grant: AdminAccess.Grant
        do throws(RouterError) {
            grant = try access.authorize(request.headers)
        } catch {
            if case .unauthenticated = error, request.method == .get, request.uri.path.hasPrefix("/ui") {
                return DashboardResponse.redirect(to: "/ui/login?next=" + DashboardResponse.queryEscape(request.uri.path))
            }
            return ResponseFactory.error(error, format: .openai, requestID: context.requestID)
        }
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        var request = request
        var formToken: String?
        if request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
            let bytes: [UInt8]
            do throws(RouterError) {
                bytes = try await BodyReader.read(request, limit: Self.formLimit)
            } catch {
                return ResponseFactory.error(error, format: .openai, requestID: context.requestID)
            }
            formToken = FormURLEncoding.decode(Substring(String(decoding: bytes, as: UTF8.self)))["csrf"]
            request.body = RequestBody(buffer: ByteBuffer(bytes: bytes))
        }
        guard access.allowsStateChange(request.headers, authority: request.head.authority, grant: grant, formToken: formToken) else {
            return ResponseFactory.error(
                .csrfRejected, format: .openai, requestID: context.requestID
            )
        }
        return try await next(request, context)
    }
}
