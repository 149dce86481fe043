/// The two ways a routing diff is written: plain words for a terminal or CI log, and Markdown
/// for a pull-request comment or the dashboard's routes preview.
extension RoutingDiff {
    /// What an edit that changes nothing about routing (comments, formatting, key order) prints.
    public static let noChange = "no routing change"

    /// One line per change under a heading per section; ``noChange`` when there are none.
    public static func words(_ changes: [RoutingChange]) -> String {
        guard !changes.isEmpty else { return noChange + "\n" }
        var lines = ["\(changes.count) routing change\(changes.count == 1 ? "" : "s"):"]
        for (section, members) in grouped(changes) {
            lines.append("\(section.title):")
            lines += members.map { "  - \($0.summary)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Markdown section per part of the table, one bullet per change.
    public static func markdown(_ changes: [RoutingChange], title: String = "Routing changes") -> String {
        guard !changes.isEmpty else { return "### \(title)\n\n\(noChange)\n" }
        var lines = ["### \(title) (\(changes.count))"]
        for (section, members) in grouped(changes) {
            lines += ["", "**\(section.title)**", ""]
            lines += members.map { "- \($0.summary)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Changes by section, sections in their fixed order, changes in the order given.
    private static func grouped(_ changes: [RoutingChange]) -> [(RoutingChange.Section, [RoutingChange])] {
        RoutingChange.Section.allCases.compactMap { section in
            let members = changes.filter { $0.section == section }
            return members.isEmpty ? nil : (section, members)
        }
    }
}
