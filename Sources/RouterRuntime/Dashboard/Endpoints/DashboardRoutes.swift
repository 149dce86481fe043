import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OAuth
import UsageLog

/// The dashboard: pages under `/ui/`, their JSON under `/v1/admin/`, the sign-in page and the
/// compiled-in assets. Everything but sign-in and assets sits behind ``AdminGuardMiddleware``.
enum DashboardRoutes {
    static func add(to router: Router<RouterRequestContext>, state: RouterState) {
        let pages = DashboardPages(state: state)
        let signIn = SignInEndpoints(access: state.access)
        router.get("/ui/login") { request, _ in signIn.form(request) }
        router.post("/ui/login") { request, context in await signIn.submit(request, context: context) }
        router.post("/ui/logout") { request, _ in signIn.signOut(request) }
        router.get("/ui/assets/dashboard.css") { _, _ in DashboardResponse.asset(DashboardStyle.css, contentType: "text/css; charset=utf-8") }
        router.get("/ui/assets/dashboard.js") { _, _ in DashboardResponse.asset(DashboardScript.js, contentType: "text/javascript; charset=utf-8") }
        router.get("/ui/assets/icon.svg") { _, _ in DashboardResponse.asset(DashboardStyle.icon, contentType: "image/svg+xml") }

        let guarded = router.group().add(middleware: AdminGuardMiddleware(access: state.access))
        guarded.get("/ui") { request, _ in pages.overview(request) }
        guarded.get("/ui/requests") { request, _ in pages.requests(request) }
        guarded.get("/ui/requests/{id}") { request, context in pages.request(request, id: context.parameters.get("id") ?? "") }
        guarded.get("/ui/providers") { request, _ in await pages.providers(request) }
        guarded.get("/ui/routing") { request, _ in pages.routing(request) }
        guarded.post("/ui/routing/playground") { request, _ in await pages.playground(request) }
        guarded.post("/ui/routing/preview") { request, _ in await pages.preview(request) }

        let api = AdminAPI(state: state)
        guarded.get("/v1/admin/overview") { request, context in api.overview(request, context: context) }
        guarded.get("/v1/admin/requests") { request, _ in api.requests(request) }
        guarded.get("/v1/admin/requests/stream") { request, context in api.stream(request, context: context) }
        guarded.get("/v1/admin/requests/{id}") { _, context in api.request(id: context.parameters.get("id") ?? "", context: context) }
        guarded.get("/v1/admin/providers") { _, _ in await api.providers() }
        guarded.get("/v1/admin/routing") { _, _ in DashboardResponse.json(RoutingTableJSON.render(state.table)) }
        guarded.post("/v1/admin/route") { request, context in await api.route(request, context: context) }
        guarded.post("/v1/admin/routes/preview") { request, context in await api.preview(request, context: context) }
        guarded.post("/v1/admin/oauth/{provider}/{account}/logout") { _, context in
            await api.logout(provider: context.parameters.get("provider") ?? "", account: context.parameters.get("account") ?? "", context: context)
        }
    }

    /// A request's form fields (`application/x-www-form-urlencoded`) or JSON object of strings.
    static func fields(_ request: Request, limit: Int) async throws(RouterError) -> [String: String] {
        let bytes = try await BodyReader.read(request, limit: limit)
        if request.headers[.contentType]?.hasPrefix("application/json") == true {
            guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                throw .invalidRequest("the body must be a JSON object")
            }
            return object.reduce(into: [:]) { fields, entry in
                switch entry.value {
                case let text as String: fields[entry.key] = text
                case let flag as Bool: fields[entry.key] = flag ? "1" : ""
                case let number as NSNumber: fields[entry.key] = number.stringValue
                case let list as [String]: fields[entry.key] = list.joined(separator: ",")
                default: break
                }
            }
        }
        return FormURLEncoding.decode(Substring(String(decoding: bytes, as: UTF8.self)))
    }
}
