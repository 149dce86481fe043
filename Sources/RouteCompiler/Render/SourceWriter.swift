/// Accumulates lines of source text with four-space indentation.
struct SourceWriter {
    private(set) var text = ""
    private(set) var indentation = ""

    mutating func line(_ content: String) {
        if content.isEmpty {
            text += "\n"
        } else {
            text += indentation + content + "\n"
        }
    }

    mutating func indented(_ body: (inout SourceWriter) -> Void) {
        let saved = indentation
        indentation += "    "
        body(&self)
        indentation = saved
    }
}
