import JSONEscaping

/// JSON string literals for the few small bodies the OAuth endpoints write by hand.
enum JSONString {
    static func quote(_ text: String) -> String { JSONEscaping.quoted(text) }
}
