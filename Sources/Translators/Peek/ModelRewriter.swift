/// The same-format fast path: replaces the top-level `"model"` value of a JSON request body and
/// leaves every other byte as it was (no decode, no re-encode).
///
/// A body without a top-level `model` gets one inserted as its first member. Duplicate `model`
/// keys are all rewritten, so no upstream parser can pick the client's value.
public enum ModelRewriter {
    public static func rewrite(_ body: [UInt8], model: String) throws(TranslationError) -> [UInt8] {
        try rewrite(document: JSONDocument(body), model: model)
    }

    /// The same, for a body already parsed.
    static func rewrite(document: JSONDocument, model: String) throws(TranslationError) -> [UInt8] {
        let body = document.bytes
        let root = document.root
        guard root.isObject else {
            throw .invalidField(path: "request body", problem: "must be a JSON object")
        }
        var replacement = JSONWriter(capacity: model.utf8.count + 2)
        replacement.string(model)
        let encoded = replacement.bytes

        var ranges: [Range<Int>] = []
        var i = root.index + 1
        let end = document.tape[root.index].next
        while i < end {
            let keyToken = document.tape[i]
            let valueToken = document.tape[i + 1]
            if keyToken.end - keyToken.start == 7,
               body[keyToken.start..<keyToken.end].elementsEqual("\"model\"".utf8) {
                ranges.append(valueToken.start..<valueToken.end)
            } else if keyToken.hasEscapes, JSONNode(document: document, index: i).string == "model" {
                ranges.append(valueToken.start..<valueToken.end)
            }
            i = valueToken.next
        }

        var out: [UInt8] = []
        out.reserveCapacity(body.count + encoded.count)
        if ranges.isEmpty {
            let open = document.tape[root.index].start
            out.append(contentsOf: body[...open])
            out.append(contentsOf: "\"model\":".utf8)
            out.append(contentsOf: encoded)
            if root.count > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: body[(open + 1)...])
            return out
        }
        var cursor = 0
        for range in ranges {
            out.append(contentsOf: body[cursor..<range.lowerBound])
            out.append(contentsOf: encoded)
            cursor = range.upperBound
        }
        out.append(contentsOf: body[cursor...])
        return out
    }
}
