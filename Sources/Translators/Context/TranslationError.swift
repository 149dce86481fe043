/// Why a body could not be translated, worded for the person who sent it.
///
/// The runtime turns this into a 400 in the caller's own error format; ``description`` is the
/// message, e.g. `messages must be an array` or
/// `messages[2].content[0].type 'foo' is not a known block type`.
public enum TranslationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not JSON; `offset` is the byte where parsing stopped.
    case invalidJSON(offset: Int, reason: String)
    /// A field has the wrong type or value; `path` names it (`messages[2].content`).
    case invalidField(path: String, problem: String)
    /// An object repeats `key`; `offset` is the byte where the repetition starts. Parsers
    /// differ on which value wins, so the router refuses rather than guess.
    case duplicateKey(key: String, offset: Int)

    public var description: String {
        switch self {
        case .invalidJSON(let offset, let reason):
            return "request body is not valid JSON (byte \(offset)): \(reason)"
        case .invalidField(let path, let problem):
            return "\(path) \(problem)"
        case .duplicateKey(let key, let offset):
            return "the key '\(key)' appears twice in one object (byte \(offset))"
        }
    }
}
