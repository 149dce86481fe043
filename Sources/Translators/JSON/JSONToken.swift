/// One value in a parsed document's tape, in document order.
///
/// Containers record where their subtree ends in the tape (`next`), so walking past a large
/// sub-document (a tool's `input_schema`) costs one step, and copying it out costs one `memcpy`
/// of `start..<end`.
struct JSONToken {
    enum Kind: UInt8 {
        case object, array, string, number, `true`, `false`, null
    }

    var kind: Kind
    /// For strings: whether the raw text holds a backslash escape (decoding needs more work).
    var hasEscapes: Bool
    /// Byte offset of the first byte (the quote of a string, the bracket of a container).
    var start: Int
    /// Byte offset one past the last byte.
    var end: Int
    /// Tape index of the value following this one's subtree.
    var next: Int
}
