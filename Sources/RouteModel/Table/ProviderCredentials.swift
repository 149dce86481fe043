/// Which of a provider's key variables are set, so the summary, `route` and the runtime's key
/// pools agree on which targets can be used.
extension ProviderSpec {
    /// The key a variable holds, without surrounding spaces or tabs; nil when unset or blank.
    public static func keyValue(_ name: String, in environment: [String: String]) -> String? {
        guard let value = environment[name]?.trimmingSpaces(), !value.isEmpty else { return nil }
        return value
    }

    /// Key variables of the pool that hold a key, in rotation order.
    public func presentKeyEnv(in environment: [String: String]) -> [String] {
        keyEnv.filter { Self.keyValue($0, in: environment) != nil }
    }

    /// Key variables of the pool that are unset or blank.
    public func missingKeyEnv(in environment: [String: String]) -> [String] {
        keyEnv.filter { Self.keyValue($0, in: environment) == nil }
    }

    /// Whether static credentials allow requests: no auth needed, or at least one key set.
    /// OAuth providers depend on the token store, which this cannot see.
    public func hasStaticCredentials(in environment: [String: String]) -> Bool {
        switch auth {
        case .none: true
        case .xApiKey, .bearer: !presentKeyEnv(in: environment).isEmpty
        case .oauth: false
        }
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks (header values, keys
    /// pasted with a stray space, keys read from a file or a Kubernetes Secret with a final
    /// newline, which would otherwise be an invalid header value).
    public func trimmingSpaces() -> String {
        var view = self[...]
        while let first = view.first, Self.isPadding(first) { view = view.dropFirst() }
        while let last = view.last, Self.isPadding(last) { view = view.dropLast() }
        return String(view)
    }

    private static func isPadding(_ character: Character) -> Bool {
        character == " " || character == "\t" || character == "\n" || character == "\r" || character == "\r\n"
    }
}
