import JSONEscaping

/// Builds small JSON documents by hand: error bodies and SSE error events are on paths where
/// `JSONSerialization` is slow and key order matters to readers.
enum JSONText {
    /// `value` as a JSON string literal, quotes included.
    static func quote(_ value: String) -> String { JSONEscaping.quoted(value) }
}
