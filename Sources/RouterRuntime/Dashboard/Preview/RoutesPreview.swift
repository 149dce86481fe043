import RouteCompiler
import RouteModel

/// The routes preview: a pasted routes.yaml compiled by the real compiler against the catalog
/// the router was built with, then either every diagnostic (file, line, column) or the routing
/// diff against the running table in words. It never touches the running router.
struct RoutesPreview: Sendable {
    let diagnostics: [Diagnostic]
    /// The changes against the running table; nil when the YAML did not compile.
    let changes: [RoutingChange]?
    let summary: String?

    static let maxBytes = 512 * 1024

    static func run(yaml: String, running: RouteTable) -> RoutesPreview {
        let result = RouteTableCompiler.compile(
            routes: SourceFile(path: "routes.yaml", text: yaml),
            catalog: SourceFile(path: "catalog.yaml", text: BundledCatalog.yaml)
        )
        guard let table = result.table, !result.hasErrors else {
            return RoutesPreview(diagnostics: result.diagnostics, changes: nil, summary: nil)
        }
        let summary = "\(table.providers.count) providers, \(table.targets.count) targets, \(table.aliases.count) aliases, "
            + "\(table.combos.count) combos, \(table.routes.count) glob routes, \(table.clients.count) clients"
        return RoutesPreview(diagnostics: result.diagnostics, changes: RoutingDiff.between(old: running, new: table), summary: summary)
    }

    /// `{"ok":bool,"diagnostics":[{"severity","file","line","column","message"}],"summary","changes":[{"section","kind","subject","summary"}],"words"}`.
    var json: String {
        let diagnostics = diagnostics.map {
            "{\"severity\":\(JSONText.quote($0.severity.rawValue)),\"file\":\(JSONText.quote($0.location.file)),\"line\":\($0.location.line),\"column\":\($0.location.column),\"message\":\(JSONText.quote($0.message))}"
        }.joined(separator: ",")
        var out = "{\"ok\":\(changes != nil),\"diagnostics\":[\(diagnostics)]"
        if let changes, let summary {
            out += ",\"summary\":" + JSONText.quote(summary)
            out += ",\"changes\":[" + changes.map {
                "{\"section\":\(JSONText.quote($0.section.rawValue)),\"kind\":\(JSONText.quote($0.kind.rawValue)),\"subject\":\(JSONText.quote($0.subject)),\"summary\":\(JSONText.quote($0.summary))}"
            }.joined(separator: ",") + "]"
            out += ",\"words\":" + JSONText.quote(RoutingDiff.words(changes))
        }
        return out + "}"
    }

    var html: String {
        var out = "<div class=\"result\" id=\"preview-outcome\">"
        let problems = diagnostics
        if !problems.isEmpty {
            out += "<ul class=\"diagnostics\">"
            for diagnostic in problems {
                out += "<li class=\"\(diagnostic.severity.rawValue)\" data-line=\"\(diagnostic.location.line)\" data-column=\"\(diagnostic.location.column)\">"
                    + "<code>line \(diagnostic.location.line), column \(diagnostic.location.column)</code> "
                    + "<strong>\(diagnostic.severity.rawValue)</strong>: " + HTML.escape(diagnostic.message) + "</li>"
            }
            out += "</ul>"
        }
        if let changes, let summary {
            out += "<p class=\"good-text\">Compiles: " + HTML.escape(summary) + ".</p>"
            if changes.isEmpty {
                out += "<p id=\"preview-diff\">" + HTML.escape(RoutingDiff.noChange) + " against the running table.</p>"
            } else {
                out += "<h3>Against the running table</h3><ul id=\"preview-diff\">"
                for change in changes {
                    out += "<li><span class=\"pill\">" + HTML.escape(change.section.title) + "</span> " + HTML.escape(change.summary) + "</li>"
                }
                out += "</ul><p class=\"hint\">To make it so: commit this routes.yaml, regenerate (<code>route-compiler</code>) and rebuild.</p>"
            }
        } else {
            out += "<p class=\"bad-text\">Does not compile: \(problems.filter { $0.severity == .error }.count) error(s).</p>"
        }
        return out + "</div>"
    }
}
