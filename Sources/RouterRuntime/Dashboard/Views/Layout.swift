/// The frame of every dashboard page: navigation, the compiled-in stylesheet and script, the
/// CSRF token for the page's forms and scripts, and a sign-out button when signed in.
enum Layout {
    enum Section: String, CaseIterable {
        case overview = "Overview", requests = "Requests", providers = "Providers", routing = "Routing"

        var path: String {
            switch self {
            case .overview: "/ui/"
            case .requests: "/ui/requests"
            case .providers: "/ui/providers"
            case .routing: "/ui/routing"
            }
        }
    }

    static func page(title: String, section: Section?, csrf: String?, signedInAs: String?, body: String) -> String {
        var out = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        """
        if let csrf { out += "<meta name=\"csrf-token\" content=\"\(HTML.escape(csrf))\">" }
        out += "<title>\(HTML.escape(title)) · claude-router</title>"
        out += "<link rel=\"icon\" href=\"/ui/assets/icon.svg\" type=\"image/svg+xml\">"
        out += "<link rel=\"stylesheet\" href=\"/ui/assets/dashboard.css\">"
        out += "<script src=\"/ui/assets/dashboard.js\" defer></script></head><body>"
        out += "<header class=\"top\"><a class=\"brand\" href=\"/ui/\"><img src=\"/ui/assets/icon.svg\" alt=\"\" width=\"22\" height=\"22\">claude-router</a>"
        if let section {
            out += "<nav>"
            for item in Section.allCases {
                out += "<a href=\"\(item.path)\"" + (item == section ? " aria-current=\"page\"" : "") + ">\(item.rawValue)</a>"
            }
            out += "</nav>"
        }
        if let signedInAs {
            out += "<form class=\"signout\" method=\"post\" action=\"/ui/logout\">"
            if let csrf { out += "<input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape(csrf))\">" }
            out += "<span class=\"who\">\(HTML.escape(signedInAs))</span><button type=\"submit\" class=\"link\">Sign out</button></form>"
        }
        out += "</header><main>" + body + "</main></body></html>"
        return out
    }

    /// A hidden CSRF field for a form, empty when the grant needs none.
    static func csrfField(_ csrf: String?) -> String {
        csrf.map { "<input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape($0))\">" } ?? ""
    }
}
