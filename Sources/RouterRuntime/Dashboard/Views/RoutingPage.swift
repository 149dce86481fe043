import RouteModel

/// `GET /ui/routing`: the compiled table as the router sees it (routes in order, aliases,
/// combos with shares, rules, fallbacks, clients with limits: names only, never key hashes), the
/// playground and the routes preview.
enum RoutingPage {
    static func render(table: RouteTable, csrf: String?, playground: String = "", preview: String = "", previewYAML: String = "") -> String {
        var out = "<div class=\"page-head\"><h1>Routing</h1><span class=\"hint\">compiled routes <code>\(HTML.escape(String(table.inputsSHA256.prefix(12))))…</code></span></div>"
        out += "<div class=\"two-col\"><div>"
        out += playgroundForm(table: table, csrf: csrf) + "<div id=\"playground-result\">" + playground + "</div>"
        out += "</div><div>"
        out += previewForm(csrf: csrf, yaml: previewYAML) + "<div id=\"preview-result\">" + preview + "</div>"
        out += "</div></div>"
        out += tableSections(table)
        return out
    }

    static func tableSections(_ table: RouteTable) -> String {
        var out = "<h2>Routes</h2><p class=\"hint\">Exact names first (aliases, combos, <code>provider/model</code>), then these globs in order; the first match wins.</p>"
        out += HTML.table(["#", "Pattern", "Goes to"], table.routes.enumerated().map { index, route in
            ["\(index + 1)", "<code>\(HTML.escape(route.pattern.pattern))</code>", "<code>\(HTML.escape(table.name(of: route.ref)))</code>"]
        }, id: "routes-table")
        out += "<h2>Aliases</h2>"
        out += HTML.table(["Alias", "Target"], table.aliases.map { alias in
            ["<code>\(HTML.escape(alias.name))</code>", "<code>\(HTML.escape(table.targets[alias.target].name))</code>"]
        }, id: "aliases-table")
        out += "<h2>Combos</h2>"
        if table.combos.isEmpty { out += "<p class=\"empty\">No combos.</p>" }
        for combo in table.combos {
            out += "<article class=\"combo\" id=\"combo-\(HTML.escape(combo.name))\"><h3><code>\(HTML.escape(combo.name))</code>"
            if combo.stickiness == .session { out += " <span class=\"pill\">sticky per session</span>" }
            out += "</h3>"
            out += HTML.table(["Member", "Weight", "Share"], combo.members.map { member in
                ["<code>\(HTML.escape(table.targets[member.target].name))</code>", "\(member.weight)", RuleWording.share(member.weight, of: combo)]
            }, numericFrom: 1)
            if !combo.rules.isEmpty {
                out += "<h4>Rules (in order; the first that holds wins)</h4><ol class=\"rules\">"
                for rule in combo.rules {
                    out += "<li>if " + HTML.escape(RuleWording.conditions(rule, in: combo)) + " → <code>" + HTML.escape(table.name(of: rule.use))
                        + "</code> <small>(" + HTML.escape(rule.source) + ")</small></li>"
                }
                out += "</ol>"
            }
            if !combo.fallback.isEmpty {
                out += "<p>Fallback: " + combo.fallback.map { "<code>" + HTML.escape(table.targets[$0].name) + "</code>" }.joined(separator: " → ") + "</p>"
            }
            out += "</article>"
        }
        out += "<h2>Clients</h2>"
        if table.clients.isEmpty {
            out += "<p class=\"empty\">No clients: the router serves loopback only and asks for no key.</p>"
        } else {
            out += HTML.table(["Client", "Admin", "Requests/min", "Tokens/min", "Concurrent", "Models"], table.clients.map { client in
                [HTML.escape(client.name), client.admin ? "yes" : "no", client.rpm.map(Format.count) ?? "∞", client.tpm.map(Format.count) ?? "∞",
                 client.maxConcurrent.map(String.init) ?? "∞", client.models.map { "<code>" + HTML.escape($0.pattern) + "</code>" }.joined(separator: " ")]
            }, id: "clients-table")
        }
        return out
    }

    private static func playgroundForm(table: RouteTable, csrf: String?) -> String {
        """
        <section class="panel"><h2>Playground</h2>
        <p class="hint">The decision a request would get now, by the server's own decision code (as <code>claude-router route</code>); no upstream is called.</p>
        <form id="playground" method="post" action="/ui/routing/playground">\(Layout.csrfField(csrf))
        <label>Model <input name="model" required placeholder="claude-sonnet-4-5" list="model-names"></label>
        <label>Prompt (the user's latest words) <textarea name="text" rows="3"></textarea></label>
        <div class="inline">
        <label><input type="checkbox" name="image" value="1"> image</label>
        <label><input type="checkbox" name="thinking" value="1"> thinking</label>
        <label>tools <input name="tools" placeholder="web_search, Bash"></label>
        <label>input tokens <input name="input_tokens" type="number" min="0" value="0"></label>
        </div>
        <button type="submit">Decide</button></form>
        <datalist id="model-names">\(modelNames(table).map { "<option value=\"\(HTML.escape($0))\">" }.joined())</datalist></section>
        """
    }

    private static func previewForm(csrf: String?, yaml: String) -> String {
        """
        <section class="panel"><h2>Routes preview</h2>
        <p class="hint">Paste a routes.yaml: the router compiles it with its own compiler and shows every problem, or what would change against the running table. The running router never changes; routes change by rebuild.</p>
        <form id="preview" method="post" action="/ui/routing/preview">\(Layout.csrfField(csrf))
        <label>routes.yaml <textarea name="routes" rows="12" spellcheck="false" class="code">\(HTML.escape(yaml))</textarea></label>
        <button type="submit">Compile and compare</button></form></section>
        """
    }

    private static func modelNames(_ table: RouteTable) -> [String] {
        table.aliases.map(\.name) + table.combos.map(\.name) + table.targets.map(\.name)
    }
}
