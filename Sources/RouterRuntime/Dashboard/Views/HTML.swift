/// Text made safe for HTML: every page is built from strings, and every string that came from
/// a request, the table or the usage log passes through ``HTML/escape(_:)``.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A table with a header row; cells are HTML already.
    static func table(_ headers: [String], _ rows: [[String]], id: String? = nil, numericFrom: Int = 99) -> String {
        var out = "<div class=\"table-wrap\"><table" + (id.map { " id=\"\($0)\"" } ?? "") + "><thead><tr>"
        for (index, header) in headers.enumerated() {
            out += index >= numericFrom ? "<th class=\"num\">" : "<th>"
            out += escape(header) + "</th>"
        }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>"
            for (index, cell) in row.enumerated() { out += (index >= numericFrom ? "<td class=\"num\">" : "<td>") + cell + "</td>" }
            out += "</tr>"
        }
        if rows.isEmpty { out += "<tr><td colspan=\"\(headers.count)\" class=\"empty\">nothing yet</td></tr>" }
        return out + "</tbody></table></div>"
    }

    /// A labelled figure, as the overview's tiles show them.
    static func stat(_ label: String, _ value: String, id: String, detail: String? = nil) -> String {
        "<div class=\"stat\"><div class=\"stat-label\">\(escape(label))</div><div class=\"stat-value\" id=\"\(id)\">\(value)</div>"
            + (detail.map { "<div class=\"stat-detail\">\($0)</div>" } ?? "") + "</div>"
    }
}
