/// A shell-style pattern over model names: `*` matches any run of characters, `?` one
/// character, everything else itself (case-sensitive, as providers treat model ids).
public struct Glob: Sendable, Equatable, CustomStringConvertible {
    public let pattern: String
    private let bytes: [UInt8]

    public init(_ pattern: String) {
        self.pattern = pattern
        self.bytes = Array(pattern.utf8)
    }

    public var description: String { pattern }

    /// Whether the pattern has wildcards; a pattern without any is an exact name.
    public var isLiteral: Bool { !bytes.contains(UInt8(ascii: "*")) && !bytes.contains(UInt8(ascii: "?")) }

    /// Matches in O(pattern × name) at worst, linear for the usual one or two stars.
    public func matches(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { matches(utf8: $0) }
    }

    /// Matches over UTF-8; `?` consumes one whole scalar.
    public func matches(utf8 text: UnsafeBufferPointer<UInt8>) -> Bool {
        let star = UInt8(ascii: "*")
        let question = UInt8(ascii: "?")
        var p = 0
        var t = 0
        var starP = -1
        var starT = 0
        while t < text.count {
            if p < bytes.count, bytes[p] == question {
                p += 1
                t += Self.scalarLength(lead: text[t])
            } else if p < bytes.count, bytes[p] == star {
                starP = p
                starT = t
                p += 1
            } else if p < bytes.count, bytes[p] == text[t] {
                p += 1
                t += 1
            } else if starP >= 0 {
                p = starP + 1
                starT += Self.scalarLength(lead: text[starT])
                t = starT
            } else {
                return false
            }
        }
        while p < bytes.count, bytes[p] == star { p += 1 }
        return p == bytes.count && t == text.count
    }

    private static func scalarLength(lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }

    /// Whether every name this glob matches is also matched by `other` (a sufficient check used
    /// to warn about routes that can never be reached).
    public func isCovered(by other: Glob) -> Bool {
        if other.pattern == "*" || other.pattern == pattern { return true }
        // A glob treated as a literal name: if the other pattern matches it with its wildcards
        // standing for themselves, every expansion of this one matches too, provided this one's
        // wildcards fall inside the other's stars. That holds when the other's non-star parts
        // contain no `?` and the other matches this pattern text itself.
        guard !other.bytes.contains(UInt8(ascii: "?")) else { return false }
        return other.matches(pattern)
    }
}
