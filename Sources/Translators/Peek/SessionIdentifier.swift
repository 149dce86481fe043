/// Finds the client session in Anthropic's `metadata.user_id`.
///
/// Claude Code 2.x sends a JSON object as a string (`{"device_id":…,"session_id":"…"}`); older
/// builds sent `user_<hash>_account_<uuid>_session_<uuid>`. Anything else has no session.
enum SessionIdentifier {
    static func fromUserID(_ userID: String) -> String? {
        if userID.hasPrefix("{"), let document = try? JSONDocument(Array(userID.utf8)),
           let session = document.root.string("session_id"), !session.isEmpty
        {
            return session
        }
        if let marker = userID.ranges(of: "_session_").last {
            let session = userID[marker.upperBound...]
            return session.isEmpty ? nil : String(session)
        }
        return nil
    }
}
