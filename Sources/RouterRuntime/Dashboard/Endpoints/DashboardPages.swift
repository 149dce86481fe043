import HTTPTypes
import Hummingbird
import UsageLog

/// The HTML handlers of the dashboard (behind the admin guard).
struct DashboardPages: Sendable {
    let state: RouterState

    /// The page frame for this viewer: its CSRF token and who is signed in.
    private func page(_ request: Request, title: String, section: Layout.Section, body: String, status: HTTPResponse.Status = .ok) -> Response {
        let grant = try? state.access.authorize(request.headers)
        let csrf = grant.flatMap(state.access.csrfToken(for:))
        let who: String? = switch grant {
        case .session(let client, _): client
        default: nil
        }
        return DashboardResponse.html(Layout.page(title: title, section: section, csrf: csrf, signedInAs: who, body: body), status: status)
    }

    private func csrf(_ request: Request) -> String? {
        (try? state.access.authorize(request.headers)).flatMap(state.access.csrfToken(for:))
    }

    func overview(_ request: Request) -> Response {
        let parameters = request.uri.queryParameters
        let range: OverviewRange
        do throws(UsageQueryError) {
            range = try OverviewRange.parse(
                range: parameters["range"].map(String.init), from: parameters["from"].map(String.init), to: parameters["to"].map(String.init)
            )
        } catch {
            return page(request, title: "Overview", section: .overview,
                        body: "<h1>Overview</h1><p class=\"notice bad-text\">" + HTML.escape(error.description) + "</p><p><a href=\"/ui/\">Back to the last 24 hours</a></p>",
                        status: .badRequest)
        }
        let started = ContinuousClock.now
        let overview = Overview.build(aggregate: state.usage?.aggregate ?? UsageAggregate(), range: range)
        var response = page(request, title: "Overview", section: .overview, body: OverviewPage.render(overview, hasUsageLog: state.usage != nil))
        response.headers[.serverTiming] = DashboardResponse.serverTiming(since: started)
        return response
    }

    func requests(_ request: Request) -> Response {
        let parameters = request.uri.queryParameters
        let filter = RequestFilter { parameters.get($0) }
        let summaries = state.recent.newest(limit: 200, matching: filter.matches)
        return page(request, title: "Requests", section: .requests, body: RequestsPage.render(summaries, filter: filter, capacity: state.recent.capacity))
    }

    func request(_ request: Request, id: String) -> Response {
        guard let summary = state.recent.find(requestID: id) else {
            return page(request, title: "Request", section: .requests,
                        body: "<h1>Request not found</h1><p>No request <code>\(HTML.escape(id))</code> among the last \(Format.count(state.recent.capacity)) in memory.</p><p><a href=\"/ui/requests\">All requests</a></p>",
                        status: .notFound)
        }
        return page(request, title: "Request", section: .requests, body: RequestsPage.detail(summary))
    }

    func providers(_ request: Request) async -> Response {
        let statuses = await ProviderStatus.all(state: state)
        if request.uri.queryParameters["fragment"] != nil {
            return DashboardResponse.html(ProvidersPage.cards(statuses, oauthEnabled: state.oauth != nil))
        }
        return page(request, title: "Providers", section: .providers, body: ProvidersPage.render(statuses, oauthEnabled: state.oauth != nil))
    }

    func routing(_ request: Request) -> Response {
        page(request, title: "Routing", section: .routing, body: RoutingPage.render(table: state.table, csrf: csrf(request)))
    }

    /// The playground's form: the result alone for the page's script (`x-fragment: 1`), else the
    /// whole page with the result in it (no JavaScript).
    func playground(_ request: Request) async -> Response {
        let fields: [String: String]
        do throws(RouterError) { fields = try await DashboardRoutes.fields(request, limit: 256 * 1024) } catch { return failure(error) }
        let result = Playground(fields: fields).html(state: state)
        if request.headers[.xFragment] != nil { return DashboardResponse.html(result) }
        return page(request, title: "Routing", section: .routing, body: RoutingPage.render(table: state.table, csrf: csrf(request), playground: result))
    }

    func preview(_ request: Request) async -> Response {
        let fields: [String: String]
        do throws(RouterError) { fields = try await DashboardRoutes.fields(request, limit: RoutesPreview.maxBytes) } catch { return failure(error) }
        let yaml = fields["routes"] ?? ""
        let result = RoutesPreview.run(yaml: yaml, running: state.table).html
        if request.headers[.xFragment] != nil { return DashboardResponse.html(result) }
        return page(request, title: "Routing", section: .routing,
                    body: RoutingPage.render(table: state.table, csrf: csrf(request), preview: result, previewYAML: yaml))
    }

    private func failure(_ error: RouterError) -> Response {
        let descriptor = error.descriptor
        return DashboardResponse.html("<p class=\"bad-text\">" + HTML.escape(descriptor.message) + "</p>", status: .init(code: descriptor.status))
    }
}

extension HTTPField.Name {
    /// Set by the dashboard's script when it wants a page fragment instead of a whole page.
    static let xFragment = Self("x-fragment")!
}
