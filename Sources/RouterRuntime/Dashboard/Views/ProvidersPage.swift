/// `GET /ui/providers`: every provider and credential with its state, in-flight requests, the
/// last failed attempt and the last hour's traffic; OAuth accounts can be logged in, logged in
/// again and logged out (through `/v1/oauth/…` and `/v1/admin/oauth/…`, with the page's script).
enum ProvidersPage {
    static func render(_ providers: [ProviderStatus], oauthEnabled: Bool) -> String {
        var out = "<div class=\"page-head\"><h1>Providers</h1><span class=\"hint\">refreshes every few seconds</span></div>"
        out += "<div id=\"providers\" data-refresh=\"/ui/providers\">" + cards(providers, oauthEnabled: oauthEnabled) + "</div>"
        out += "<div id=\"oauth-flow\" class=\"notice\" hidden></div>"
        return out
    }

    static func cards(_ providers: [ProviderStatus], oauthEnabled: Bool) -> String {
        var out = "<section class=\"cards\">"
        for provider in providers {
            let overall = overallState(provider)
            out += "<article class=\"card\" data-provider=\"\(HTML.escape(provider.name))\">"
            out += "<header><h2>\(HTML.escape(provider.name))</h2><span class=\"pill \(pillClass(overall))\" data-state>\(HTML.escape(overall))</span></header>"
            out += "<p class=\"meta\">\(HTML.escape(provider.wireProtocol)) · auth \(HTML.escape(provider.auth))</p>"
            out += "<dl class=\"facts\">"
            out += "<div><dt>In flight</dt><dd>\(provider.inFlight)" + (provider.maxConcurrency.map { " of \($0) max" } ?? " (no cap)") + "</dd></div>"
            out += "<div><dt>Last hour</dt><dd>\(Format.count(provider.lastHourRequests)) requests · \(Format.count(provider.lastHourErrors)) errors</dd></div>"
            out += "<div><dt>Last error</dt><dd>" + (provider.lastError.map {
                HTML.escape($0.errorClass) + " (HTTP \($0.status)) at " + Format.time($0.timestampMilliseconds, style: "time")
            } ?? "none since start") + "</dd></div>"
            out += "</dl>"
            let rows = provider.credentials.map { credential -> [String] in
                var state = "<span class=\"pill \(pillClass(credential.state.rawValue))\">\(HTML.escape(credential.state.rawValue))</span>"
                if let seconds = credential.coolingSeconds {
                    state += " <span class=\"countdown\" data-seconds=\"\(seconds)\">\(seconds) s</span>"
                    if !credential.coolingModels.isEmpty { state += " <small>" + HTML.escape(credential.coolingModels.joined(separator: ", ")) + "</small>" }
                }
                var actions = ""
                if provider.oauth, oauthEnabled, credential.isOAuthAccount {
                    actions = button("Log in again", action: "login", provider: provider.name, account: credential.name)
                        + button("Log out", action: "logout", provider: provider.name, account: credential.name)
                }
                return ["<code>" + HTML.escape(credential.name) + "</code>", state, actions]
            }
            out += HTML.table([provider.oauth ? "Account" : "Key variable", "State", ""], rows)
            if provider.oauth, oauthEnabled {
                out += "<div class=\"actions\">" + button("Log in", action: "login", provider: provider.name, account: nil) + "</div>"
            }
            out += "</article>"
        }
        return out + "</section>"
    }

    private static func button(_ label: String, action: String, provider: String, account: String?) -> String {
        "<button type=\"button\" class=\"small\" data-oauth=\"\(action)\" data-provider=\"\(HTML.escape(provider))\""
            + (account.map { " data-account=\"\(HTML.escape($0))\"" } ?? "") + ">\(label)</button>"
    }

    /// The provider's headline: cooling when any credential cools, ready when one is ready.
    static func overallState(_ provider: ProviderStatus) -> String {
        let states = provider.credentials.map(\.state)
        if states.contains(.cooling) { return "cooling" }
        if states.contains(.ready) || states.contains(.noAuth) || states.contains(.refreshing) { return "ready" }
        if states.contains(.needsLogin) { return "needs login" }
        return "missing"
    }

    private static func pillClass(_ state: String) -> String {
        switch state {
        case "ready", "no auth", "refreshing": "good"
        case "cooling": "warn"
        default: "bad"
        }
    }
}
