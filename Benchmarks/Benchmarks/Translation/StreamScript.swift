/// What the generated streams say, the same in both formats: a thinking phase, a long answer,
/// then a tool call whose arguments arrive in hundreds of pieces, as a thinking model's
/// tool-call turn streams. Pieces are JSON-escaped, ready to sit inside a JSON string.
enum StreamScript {
    static let thinkingPieces = 400
    static let textPieces = 1_200

    static func thinking(_ i: Int) -> String { "thinking step \(i) " }

    /// Quotes and non-ASCII letters, so string escapes and UTF-8 are on the measured path.
    static func text(_ i: Int) -> String { #"word \#(i) with \"quotes\" and ünïcode "# }

    /// `{"command":"ls -la src/part1 && … && echo done"}` cut into `count` pieces.
    static func argumentPieces(_ count: Int) -> [String] {
        precondition(count >= 2, "a tool call's arguments need an opening and a closing piece")
        var pieces = [#"{\"command\":\""#]
        for i in 1..<(count - 1) { pieces.append("ls -la src/part\(i) && ") }
        pieces.append(#"echo done\"}"#)
        return pieces
    }
}
