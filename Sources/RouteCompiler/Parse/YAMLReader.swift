import Yams

/// Reads Yams nodes of one file into typed values, recording every problem instead of stopping
/// at the first, so that one run reports all of them.
struct YAMLReader {
    let file: String
    var diagnostics: DiagnosticBag

    init(file: String, diagnostics: DiagnosticBag = DiagnosticBag()) {
        self.file = file
        self.diagnostics = diagnostics
    }

    /// One `key: value` of a mapping, the key as written.
    struct Entry {
        let key: Located<String>
        let value: Node
    }

    func location(of node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    mutating func error(_ node: Node, _ message: String) {
        diagnostics.error(location(of: node), message)
    }

    mutating func warning(_ node: Node, _ message: String) {
        diagnostics.warning(location(of: node), message)
    }

    // MARK: Containers

    /// The entries of a mapping, in file order; nil (with an error) for anything else.
    mutating func mapping(_ node: Node, _ what: String) -> [Entry]? {
        guard case .mapping(let mapping) = node else {
            error(node, "\(what) must be a mapping (key: value lines), found \(Self.kind(of: node))")
            return nil
        }
        var entries: [Entry] = []
        for pair in mapping {
            guard case .scalar(let scalar) = pair.key else {
                error(pair.key, "keys in \(what) must be plain names, found \(Self.kind(of: pair.key))")
                continue
            }
            entries.append(Entry(key: Located(scalar.string, at: location(of: pair.key)), value: pair.value))
        }
        return entries
    }

    /// A mapping whose keys must come from `allowed`; unknown keys are reported with a
    /// did-you-mean and left out of the result.
    mutating func record(_ node: Node, _ what: String, allowed: [String]) -> [String: Entry]? {
        guard let entries = mapping(node, what) else { return nil }
        var result: [String: Entry] = [:]
        for entry in entries {
            guard allowed.contains(entry.key.value) else {
                diagnostics.error(
                    entry.key.location,
                    "unknown key '\(entry.key.value)' in \(what)\(Suggestions.hint(for: entry.key.value, in: allowed))"
                )
                continue
            }
            result[entry.key.value] = entry
        }
        return result
    }

    /// The items of a sequence; nil (with an error) for anything else.
    mutating func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            error(node, "\(what) must be a list, found \(Self.kind(of: node))")
            return nil
        }
        return Array(sequence)
    }

    // MARK: Scalars

    /// A scalar as text; nil (with an error) for a list, mapping or null.
    mutating func string(_ node: Node, _ what: String) -> Located<String>? {
        guard case .scalar(let scalar) = node, !Self.isNull(scalar) else {
            error(node, "\(what) must be a text value, found \(Self.kind(of: node))")
            return nil
        }
        return Located(scalar.string, at: location(of: node))
    }

    /// A non-empty text value.
    mutating func name(_ node: Node, _ what: String) -> Located<String>? {
        guard let text = string(node, what) else { return nil }
        guard !text.value.isEmpty else {
            error(node, "\(what) must not be empty")
            return nil
        }
        return text
    }

    mutating func int(_ node: Node, _ what: String) -> Located<Int>? {
        guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Int(scalar.string) else {
            error(node, "\(what) must be a whole number, found \(Self.describe(node))")
            return nil
        }
        return Located(value, at: location(of: node))
    }

    mutating func bool(_ node: Node, _ what: String) -> Located<Bool>? {
        guard case .scalar(let scalar) = node, scalar.style == .plain else {
            error(node, "\(what) must be true or false, found \(Self.describe(node))")
            return nil
        }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return Located(true, at: location(of: node))
        case "false", "no", "off": return Located(false, at: location(of: node))
        default:
            error(node, "\(what) must be true or false, found \(Self.describe(node))")
            return nil
        }
    }

    /// A list of text values.
    mutating func strings(_ node: Node, _ what: String) -> [Located<String>]? {
        guard let items = sequence(node, what) else { return nil }
        return items.compactMap { name($0, "each entry of \(what)") }
    }

    // MARK: Describing nodes

    static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    static func kind(of node: Node) -> String {
        switch node {
        case .scalar(let scalar): isNull(scalar) ? "nothing" : "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    static func describe(_ node: Node) -> String { kind(of: node) }
}
