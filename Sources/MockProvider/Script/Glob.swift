/// Glob matching where `*` stands for any run of characters (also none); everything else
/// matches itself, case-sensitively.
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let pattern = Array(pattern.utf8)
        let text = Array(text.utf8)
        var p = 0
        var t = 0
        // Where the last `*` was and which text position it is currently stretched to.
        var star: Int?
        var starText = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                star = p
                starText = t
                p += 1
            } else if p < pattern.count, pattern[p] == text[t] {
                p += 1
                t += 1
            } else if let star {
                // Let the last `*` swallow one more byte and retry from there.
                p = star + 1
                starText += 1
                t = starText
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") {
            p += 1
        }
        return p == pattern.count
    }
}
