import RouteModel

/// Renders the name lookups as `switch` statements: exact model names grouped by UTF-8 length
/// first (one integer compare discards most candidates), then compared as strings.
struct LookupRenderer {
    let table: ResolvedTable

    func render(into out: inout SourceWriter) {
        renderResolveExact(&out)
        renderProviderIndex(&out)
    }

    private func renderResolveExact(_ out: inout SourceWriter) {
        let byLength = Dictionary(grouping: table.exactNames) { $0.name.utf8.count }
        out.line("")
        out.line("/// Aliases, combos, targets and exact route keys.")
        out.line("@Sendable static func resolveExact(_ name: String) -> ModelRef? {")
        out.indented { out in
            guard !byLength.isEmpty else {
                out.line("nil")
                return
            }
            out.line("switch name.utf8.count {")
            for length in byLength.keys.sorted() {
                out.line("case \(length):")
                out.indented { out in
                    out.line("switch name {")
                    for entry in byLength[length] ?? [] {
                        out.line("case \(SwiftLiteral.string(entry.name)): return \(SwiftLiteral.ref(entry.ref))")
                    }
                    out.line("default: return nil")
                    out.line("}")
                }
            }
            out.line("default: return nil")
            out.line("}")
        }
        out.line("}")
    }

    private func renderProviderIndex(_ out: inout SourceWriter) {
        out.line("")
        out.line("/// Provider names, for `provider/model` names the catalog does not list.")
        out.line("@Sendable static func providerIndex(_ name: Substring) -> Int? {")
        out.indented { out in
            out.line("switch name {")
            for (index, provider) in table.providers.enumerated() {
                out.line("case \(SwiftLiteral.string(provider.name)): return \(index)")
            }
            out.line("default: return nil")
            out.line("}")
        }
        out.line("}")
    }
}
