import OAuth

/// What a person pastes when the browser cannot reach the login's loopback listener (SSH, a
/// container): the address the browser ended on, its query, or just the authorization code.
/// Each becomes the query the `/oauth/callback` handler takes.
enum PastedRedirect {
    /// The callback query for `line`, or nil for a blank line. A pasted code, or a redirect whose
    /// query lost its `state`, gets the state of `loginURL` (the authorize URL printed to the user).
    static func callbackQuery(from line: String, loginURL: String) -> String? {
        let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        var fields: [String: String]
        if let questionMark = text.firstIndex(of: "?") {
            fields = FormURLEncoding.decode(query(text[text.index(after: questionMark)...]))
        } else if text.contains("=") {
            fields = FormURLEncoding.decode(query(Substring(text)))
        } else {
            fields = ["code": text]
        }
        if fields["state"] == nil, let state = state(in: loginURL) { fields["state"] = state }
        return FormURLEncoding.encode(fields.sorted { $0.key < $1.key })
    }

    /// The `state` of an authorize URL, or of the redirect address inside it (OpenRouter-style
    /// `callback_url`).
    static func state(in loginURL: String) -> String? {
        guard let questionMark = loginURL.firstIndex(of: "?") else { return nil }
        let fields = FormURLEncoding.decode(query(loginURL[loginURL.index(after: questionMark)...]))
        if let state = fields["state"] { return state }
        for key in ["redirect_uri", "callback_url"] {
            if let inner = fields[key], let state = state(in: inner) { return state }
        }
        return nil
    }

    /// The query without a `#fragment`.
    private static func query(_ text: Substring) -> Substring {
        text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? text
    }
}
