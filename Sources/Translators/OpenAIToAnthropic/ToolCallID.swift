/// Tool-call ids an Anthropic client accepts (`[A-Za-z0-9_-]+`), generated when absent.
///
/// Kimi's `functions.Bash:0` becomes `functions_Bash_0`; the client sends that id back and the
/// OpenAI request carries it unchanged, so the round trip stays consistent.
enum ToolCallID {
    static func normalized(_ id: String?, messageID: String, ordinal: Int) -> String {
        if let id, !id.isEmpty {
            return String(String.UnicodeScalarView(id.unicodeScalars.map { isAllowed($0) ? $0 : "_" }))
        }
        return "toolu_\(normalized(messageID, messageID: "", ordinal: 0))_\(ordinal)"
    }

    private static func isAllowed(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-": return true
        default: return false
        }
    }
}
