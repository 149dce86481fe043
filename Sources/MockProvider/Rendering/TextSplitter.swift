/// Cuts text into a given number of consecutive pieces for streamed deltas, on character
/// boundaries so no piece splits a UTF-8 sequence or a grapheme.
enum TextSplitter {
    /// `text` in `count` pieces of near-equal length (fewer when the text is shorter);
    /// no pieces for empty text.
    static func pieces(of text: String, count: Int) -> [Substring] {
        guard !text.isEmpty else { return [] }
        let length = text.count
        let pieceCount = min(max(count, 1), length)
        guard pieceCount > 1 else { return [Substring(text)] }
        var pieces: [Substring] = []
        pieces.reserveCapacity(pieceCount)
        var start = text.startIndex
        for piece in 0..<pieceCount {
            // Spread the remainder over the first pieces.
            let size = length / pieceCount + (piece < length % pieceCount ? 1 : 0)
            let end = text.index(start, offsetBy: size)
            pieces.append(text[start..<end])
            start = end
        }
        return pieces
    }
}
