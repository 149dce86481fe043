/// Whether text is blank (empty or whitespace only). Anthropic rejects such text blocks on the
/// next request ("text content blocks must contain non-whitespace text"), and upstreams often
/// send `""` or `"\n\n"` before tool calls, so translators keep them from the client.
enum BlankText {
    /// `escaped` is a JSON string's content between its quotes.
    static func isBlank(escaped: ArraySlice<UInt8>) -> Bool {
        var i = escaped.startIndex
        while i < escaped.endIndex {
            switch escaped[i] {
            case 0x20, 0x09, 0x0A, 0x0D:
                i += 1
            case UInt8(ascii: "\\"):
                guard i + 1 < escaped.endIndex else { return false }
                switch escaped[i + 1] {
                case UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"): i += 2
                case UInt8(ascii: "u"):
                    // Rare (`\u00a0`, `\u3000`): decode the rest and ask Unicode.
                    return isBlank(String(decoding: JSONStringDecoding.unescape(escaped[i...]), as: UTF8.self))
                default: return false
                }
            default:
                return false
            }
        }
        return true
    }

    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }
}
