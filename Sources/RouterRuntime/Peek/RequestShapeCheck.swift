import RouteModel

/// Checks the top-level fields the router itself relies on before a body goes upstream:
/// `messages` present, `max_tokens` a positive integer (and present for Anthropic Messages).
///
/// `Translators.RequestPeek` already rejected non-JSON bodies and a non-array `messages`; this
/// walks only the top level of the object (nested values are skipped by bracket depth), so it
/// costs one byte loop, not a second parse.
enum RequestShapeCheck {
    /// A message naming the first problem, or nil when the shape is fine.
    static func problem(in body: UnsafeRawBufferPointer, endpoint: InboundEndpoint) -> String? {
        var scanner = TopLevelScanner(bytes: body)
        var hasMessages = false
        var maxTokens: Range<Int>?
        let complete = scanner.forEachMember { key, value in
            if TopLevelScanner.keyEquals(body, key, "\"messages\"") { hasMessages = true }
            if TopLevelScanner.keyEquals(body, key, "\"max_tokens\"") { maxTokens = value }
        }
        guard complete else { return nil }  // RequestPeek judged the syntax; nothing to add here.
        if !hasMessages { return "messages: required, an array of messages" }
        if let maxTokens {
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: body[maxTokens]), as: UTF8.self)
            guard let value = Int(text), value > 0 else {
                return "max_tokens: must be a positive integer, got \(text)"
            }
        } else if endpoint == .messages {
            return "max_tokens: required, a positive integer"
        }
        return nil
    }

    /// Walks the members of one top-level JSON object.
    private struct TopLevelScanner {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        init(bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }

        /// Calls `visit(keyRange, valueRange)` for each member; false when the object is malformed.
        mutating func forEachMember(_ visit: (Range<Int>, Range<Int>) -> Void) -> Bool {
            skipSpace()
            guard take(UInt8(ascii: "{")) else { return false }
            skipSpace()
            if take(UInt8(ascii: "}")) { return true }
            while true {
                skipSpace()
                guard let key = stringRange() else { return false }
                skipSpace()
                guard take(UInt8(ascii: ":")) else { return false }
                skipSpace()
                let valueStart = index
                guard skipValue(), index > valueStart else { return false }
                visit(key, valueStart..<index)
                skipSpace()
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "}"))
            }
        }

        static func keyEquals(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ literal: StaticString) -> Bool {
            guard range.count == literal.utf8CodeUnitCount else { return false }
            var offset = range.lowerBound
            for byte in UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount) {
                guard bytes[offset] == byte else { return false }
                offset += 1
            }
            return true
        }

        private mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        private mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        /// A string starting at `index`, quotes included.
        private mutating func stringRange() -> Range<Int>? {
            let start = index
            guard take(UInt8(ascii: "\"")) else { return nil }
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\\"): index += 2
                case UInt8(ascii: "\""):
                    index += 1
                    return start..<index
                default: index += 1
                }
            }
            return nil
        }

        /// Skips one value of any kind: containers by depth, minding strings.
        private mutating func skipValue() -> Bool {
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                return stringRange() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while index < bytes.count {
                    switch bytes[index] {
                    case UInt8(ascii: "\""):
                        guard stringRange() != nil else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            index += 1
                            return true
                        }
                    default: break
                    }
                    index += 1
                }
                return false
            default:
                while index < bytes.count {
                    switch bytes[index] {
                    case UInt8(ascii: ","), UInt8(ascii: "}"), 0x20, 0x09, 0x0A, 0x0D: return true
                    default: index += 1
                    }
                }
                return true
            }
        }
    }
}
