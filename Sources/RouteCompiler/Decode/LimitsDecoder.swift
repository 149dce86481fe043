import Yams

/// Decodes `limits:`: durations (`250ms`, `10s`, `2m`; a bare number is seconds), counts and a
/// body size (`32MiB`; a bare number is bytes).
enum LimitsDecoder {
    private enum Kind {
        case duration
        /// A duration that must not be zero (a zero read timeout would close every connection).
        case timeout
        case count
        case size
    }

    private static var fields: [(key: String, kind: Kind, path: WritableKeyPath<LimitsConfig, Located<Int>?>)] { [
        ("connect_timeout", .duration, \.connectTimeoutMS),
        ("first_byte_timeout", .duration, \.firstByteTimeoutMS),
        ("idle_timeout", .duration, \.idleTimeoutMS),
        ("request_timeout", .duration, \.requestTimeoutMS),
        ("max_attempts", .count, \.maxAttempts),
        ("retry_backoff", .duration, \.retryBackoffMS),
        ("cooldown_after_failures", .count, \.cooldownAfterFailures),
        ("cooldown", .duration, \.cooldownMS),
        ("max_body", .size, \.maxBodyBytes),
        ("shutdown_grace", .duration, \.shutdownGraceMS),
        ("header_timeout", .timeout, \.headerTimeoutMS),
        ("body_timeout", .timeout, \.bodyTimeoutMS),
        ("max_header_bytes", .size, \.maxHeaderBytes),
        ("max_headers", .count, \.maxHeaderCount),
    ] }

    static var keys: [String] { fields.map(\.key) }

    static func decode(_ node: Node, reader: inout YAMLReader) -> LimitsConfig {
        var limits = LimitsConfig()
        guard let record = reader.record(node, "limits", allowed: keys) else { return limits }
        for field in fields {
            guard let entry = record[field.key], let text = reader.name(entry.value, field.key) else { continue }
            let value: Int?
            let expected: String
            switch field.kind {
            case .duration:
                value = ValueSyntax.milliseconds(text.value)
                expected = "a duration such as 250ms, 10s or 2m"
            case .timeout:
                value = ValueSyntax.milliseconds(text.value).flatMap { $0 > 0 ? $0 : nil }
                expected = "a duration above zero such as 250ms, 10s or 2m"
            case .count:
                value = Int(text.value).flatMap { $0 > 0 ? $0 : nil }
                expected = "a whole number of at least 1"
            case .size:
                value = ValueSyntax.bytes(text.value).flatMap { $0 > 0 ? $0 : nil }
                expected = "a size such as 512KiB or 32MiB"
            }
            guard let value else {
                reader.error(entry.value, "\(field.key) must be \(expected), found '\(text.value)'")
                continue
            }
            limits[keyPath: field.path] = Located(value, at: text.location)
        }
        return limits
    }
}
