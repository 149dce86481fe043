import RouteModel

/// ``SystemReminder/strip(_:)`` over UTF-8 bytes, for the peek's hot path.
///
/// Claude Code's first user turn carries tens of kilobytes of `<system-reminder>` sections;
/// searching them as `String`s (grapheme-aware) costs several times the whole peek. Both tags
/// are ASCII, so a byte search finds the same sections; the result is the same text
/// (checked against `SystemReminder.strip` in the tests), and text without a reminder is
/// decoded once and returned as is. The server's peek and `claude-router route` both strip with
/// this, so the offline decision reads the same words as the server's.
public enum ReminderStripping {
    private static let open = Array("<system-reminder>".utf8)
    private static let close = Array("</system-reminder>".utf8)

    /// `text` without its `<system-reminder>` sections.
    public static func strip(_ text: String) -> String {
        strip(Array(text.utf8))
    }

    static func strip(_ text: [UInt8]) -> String {
        guard var start = find(open, in: text, from: 0) else { return String(decoding: text, as: UTF8.self) }
        var kept: [UInt8] = []
        kept.reserveCapacity(text.count / 4)
        var cursor = 0
        while true {
            kept.append(contentsOf: text[cursor..<start])
            guard let end = find(close, in: text, from: start + open.count) else {
                return String(decoding: kept, as: UTF8.self)
            }
            cursor = end + close.count
            guard let next = find(open, in: text, from: cursor) else { break }
            start = next
        }
        kept.append(contentsOf: text[cursor...])
        return String(decoding: kept, as: UTF8.self)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        let last = haystack.count - needle.count
        guard from <= last, let first = needle.first else { return nil }
        var i = from
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
