import JSONEscaping

/// Small helpers that write JSON text by hand: faster than an encoder on the streaming path,
/// and byte-for-byte predictable.
enum JSONText {
    /// `value` as a JSON string literal, quotes included.
    static func quoted(_ value: String) -> String { JSONEscaping.quoted(value) }

    /// Appends `value` as a JSON string literal to `out`.
    static func appendQuoted(_ value: String, to out: inout String) { out += JSONEscaping.quoted(value) }

    /// A JSON number: integral values without a fraction.
    static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return value.isFinite ? String(value) : "null"
    }
}
