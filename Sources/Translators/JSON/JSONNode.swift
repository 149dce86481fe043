/// A view of one value in a ``JSONDocument``: cheap to copy, decodes only what is asked.
struct JSONNode {
    let document: JSONDocument
    let index: Int

    private var token: JSONToken { document.tape[index] }

    var kind: JSONToken.Kind { token.kind }
    var isObject: Bool { token.kind == .object }
    var isArray: Bool { token.kind == .array }
    var isString: Bool { token.kind == .string }
    var isNull: Bool { token.kind == .null }

    /// The value's bytes exactly as they appear in the document.
    var raw: ArraySlice<UInt8> { document.bytes[token.start..<token.end] }

    /// For a string: the bytes between the quotes, still escaped.
    var rawStringContent: ArraySlice<UInt8> {
        let t = token
        return t.kind == .string ? document.bytes[(t.start + 1)..<(t.end - 1)] : []
    }

    /// The decoded string, nil when the value is not a string.
    var string: String? {
        let t = token
        guard t.kind == .string else { return nil }
        let content = document.bytes[(t.start + 1)..<(t.end - 1)]
        if !t.hasEscapes { return String(decoding: content, as: UTF8.self) }
        return String(decoding: JSONStringDecoding.unescape(content), as: UTF8.self)
    }

    /// The decoded string's UTF-8 bytes (no `String` round trip), nil when not a string.
    var stringBytes: [UInt8]? {
        let t = token
        guard t.kind == .string else { return nil }
        let content = document.bytes[(t.start + 1)..<(t.end - 1)]
        return t.hasEscapes ? JSONStringDecoding.unescape(content) : Array(content)
    }

    var bool: Bool? {
        switch token.kind {
        case .true: return true
        case .false: return false
        default: return nil
        }
    }

    /// The number as a Double; nil when not a number.
    var double: Double? {
        guard token.kind == .number else { return nil }
        return Double(String(decoding: raw, as: UTF8.self))
    }

    /// The number as an Int when it is integral and in range; nil otherwise.
    var int: Int? {
        guard token.kind == .number else { return nil }
        if let exact = Int(String(decoding: raw, as: UTF8.self)) { return exact }
        guard let d = double, d.rounded() == d, d.magnitude < 9.0e18 else { return nil }
        return Int(d)
    }

    /// Number of elements or members (walks the children once).
    var count: Int {
        var n = 0
        var i = index + 1
        let end = token.next
        let step = token.kind == .object ? 2 : 1
        guard token.kind == .object || token.kind == .array else { return 0 }
        while i < end {
            n += 1
            i = step == 2 ? document.tape[i + 1].next : document.tape[i].next
        }
        return n
    }

    /// The elements of an array (empty for anything else).
    var elements: [JSONNode] {
        guard token.kind == .array else { return [] }
        var result: [JSONNode] = []
        var i = index + 1
        let end = token.next
        while i < end {
            result.append(JSONNode(document: document, index: i))
            i = document.tape[i].next
        }
        return result
    }

    /// The first element of an array satisfying `predicate`, without building the element list.
    func firstElement(where predicate: (JSONNode) -> Bool) -> JSONNode? {
        guard token.kind == .array else { return nil }
        var i = index + 1
        let end = token.next
        while i < end {
            let element = JSONNode(document: document, index: i)
            if predicate(element) { return element }
            i = document.tape[i].next
        }
        return nil
    }

    /// The members of an object in document order, keys decoded (empty for anything else).
    var members: [(key: String, value: JSONNode)] {
        guard token.kind == .object else { return [] }
        var result: [(key: String, value: JSONNode)] = []
        var i = index + 1
        let end = token.next
        while i < end {
            let key = JSONNode(document: document, index: i).string ?? ""
            result.append((key, JSONNode(document: document, index: i + 1)))
            i = document.tape[i + 1].next
        }
        return result
    }

    /// The value of the first member named `key`, comparing raw key bytes (no decoding for the
    /// common unescaped key).
    subscript(key: String) -> JSONNode? {
        guard token.kind == .object else { return nil }
        var wanted = key
        return wanted.withUTF8 { wantedBytes in
            var i = index + 1
            let end = token.next
            while i < end {
                let keyToken = document.tape[i]
                if keyMatches(keyToken, wantedBytes) { return JSONNode(document: document, index: i + 1) }
                i = document.tape[i + 1].next
            }
            return nil
        }
    }

    private func keyMatches(_ keyToken: JSONToken, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        if keyToken.hasEscapes {
            return JSONStringDecoding.unescape(document.bytes[(keyToken.start + 1)..<(keyToken.end - 1)]).elementsEqual(wanted)
        }
        let length = keyToken.end - keyToken.start - 2
        guard length == wanted.count else { return false }
        var k = 0
        while k < length {
            if document.bytes[keyToken.start + 1 + k] != wanted[k] { return false }
            k += 1
        }
        return true
    }

    /// The string value of member `key`, if it is a string.
    func string(_ key: String) -> String? { self[key]?.string }
}
