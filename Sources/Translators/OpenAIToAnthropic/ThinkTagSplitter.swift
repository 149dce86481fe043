/// Separates a leading `<think>…</think>` section (MiniMax, local reasoning models) from the
/// answer text, fed the content deltas of one message in order.
///
/// Only a think section at the start of the content counts (after optional whitespace); a
/// tag split across deltas is held back until it is known to be a tag.
struct ThinkTagSplitter {
    enum Segment: Equatable {
        case thinking(String)
        case text(String)
    }

    private enum Mode { case start, thinking, afterThinking, text }

    private static let open = "<think>"
    private static let close = "</think>"

    private var mode = Mode.start
    private var pending = ""

    /// Plain text from here on: callers may copy deltas without decoding them.
    var isPassThrough: Bool { mode == .text && pending.isEmpty }

    mutating func feed(_ piece: String) -> [Segment] {
        pending += piece
        var out: [Segment] = []
        while true {
            switch mode {
            case .start:
                let trimmed = pending.drop(while: \.isWhitespace)
                if trimmed.hasPrefix(Self.open) {
                    pending = String(trimmed.dropFirst(Self.open.count))
                    mode = .thinking
                    continue
                }
                if trimmed.isEmpty || Self.open.hasPrefix(trimmed) { return out }
                mode = .text
                continue
            case .thinking:
                if let end = pending.firstRange(of: Self.close) {
                    let thought = String(pending[..<end.lowerBound])
                    if !thought.isEmpty { out.append(.thinking(thought)) }
                    pending = String(pending[end.upperBound...])
                    mode = .afterThinking
                    continue
                }
                let keep = Self.partialSuffixLength(pending, of: Self.close)
                let emit = String(pending.dropLast(keep))
                if !emit.isEmpty { out.append(.thinking(emit)) }
                pending = String(pending.suffix(keep))
                return out
            case .afterThinking:
                // The newlines that separate the think section from the answer are not answer.
                let trimmed = pending.drop(while: \.isWhitespace)
                if trimmed.isEmpty {
                    pending = ""
                    return out
                }
                pending = String(trimmed)
                mode = .text
                continue
            case .text:
                if !pending.isEmpty { out.append(.text(pending)) }
                pending = ""
                return out
            }
        }
    }

    /// At the end of the content: whatever was held back.
    mutating func flush() -> [Segment] {
        defer { pending = "" }
        guard !pending.isEmpty else { return [] }
        switch mode {
        case .thinking: return [.thinking(pending)]
        case .afterThinking: return []
        case .start, .text: return [.text(pending)]
        }
    }

    /// The length of the longest suffix of `text` that is a proper prefix of `tag`.
    private static func partialSuffixLength(_ text: String, of tag: String) -> Int {
        var length = min(tag.count - 1, text.count)
        while length > 0 {
            if tag.hasPrefix(text.suffix(length)) { return length }
            length -= 1
        }
        return 0
    }
}
