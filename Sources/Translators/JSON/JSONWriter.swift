import JSONEscaping

/// Appends JSON to a byte buffer, placing commas itself.
///
/// Values copied from a ``JSONDocument`` (`raw(_:)`) go out byte for byte; strings built by the
/// translator are escaped here. Callers pair `beginObject`/`endObject` and
/// `beginArray`/`endArray`; `key` comes before each member's value.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// One bit per open container (innermost lowest): whether it already holds an element. A
    /// bit stack, not an array, because writers are made per SSE event and must not allocate
    /// for bookkeeping; translators never nest their own output 64 deep (copied sub-documents
    /// go in as raw bytes and do not count).
    private var hasElement: UInt64 = 0
    private var depth = 0
    private var afterKey = false

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard depth > 0 else { return }
        if hasElement & 1 == 1 { bytes.append(UInt8(ascii: ",")) }
        hasElement |= 1
    }

    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        push()
    }

    private mutating func push() {
        hasElement <<= 1
        depth += 1
    }

    private mutating func pop() {
        hasElement >>= 1
        depth = max(0, depth - 1)
    }

    mutating func endObject() {
        pop()
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        push()
    }

    mutating func endArray() {
        pop()
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func key(_ name: String) {
        separate()
        appendEscapedString(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    mutating func string(_ value: String) {
        separate()
        appendEscapedString(value)
    }

    /// A string whose content is arbitrary UTF-8 bytes (for instance raw JSON text that becomes
    /// OpenAI's `arguments` string).
    mutating func string(escaping content: some Collection<UInt8>) {
        separate()
        JSONEscaping.append(quotingUTF8: content, to: &bytes)
    }

    /// A string made of already-escaped content (the inside of a document string): copied as is.
    mutating func string(rawEscaped content: ArraySlice<UInt8>) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: content)
        bytes.append(UInt8(ascii: "\""))
    }

    /// One string made of several already-escaped pieces, with `separator` (plain text, escaped
    /// here) between them; message text is joined this way without being decoded.
    mutating func string(joining pieces: [ArraySlice<UInt8>], separator: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        for (n, piece) in pieces.enumerated() {
            if n > 0 { JSONEscaping.append(escapingUTF8: separator.utf8, to: &bytes) }
            bytes.append(contentsOf: piece)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A value copied verbatim from a parsed document.
    mutating func raw(_ node: JSONNode) {
        separate()
        bytes.append(contentsOf: node.raw)
    }

    /// Bytes known to be one complete JSON value.
    mutating func rawValue(_ value: some Collection<UInt8>) {
        separate()
        bytes.append(contentsOf: value)
    }

    mutating func number(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func number(_ value: Double) {
        separate()
        if value.isFinite, value.rounded() == value, value.magnitude < 1e15 {
            bytes.append(contentsOf: String(Int(value)).utf8)
        } else if value.isFinite {
            bytes.append(contentsOf: String(value).utf8)
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    // Convenience members.
    mutating func member(_ name: String, _ value: String) { key(name); string(value) }
    mutating func member(_ name: String, _ value: Int) { key(name); number(value) }
    mutating func member(_ name: String, _ value: Bool) { key(name); bool(value) }
    mutating func member(_ name: String, raw node: JSONNode) { key(name); raw(node) }

    private mutating func appendEscapedString(_ value: String) {
        JSONEscaping.append(quoting: value, to: &bytes)
    }
}
