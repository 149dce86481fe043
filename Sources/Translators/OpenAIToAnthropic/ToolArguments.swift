/// Turns an upstream's `function.arguments` text into a `tool_use` input object.
///
/// The result is always one JSON object: the arguments as sent when they are an object; an
/// object found inside a JSON string (double-encoded arguments); `{}` for empty arguments; and
/// otherwise `{"raw": "<the text>"}`, so a model's broken JSON reaches the client as data
/// instead of breaking the stream.
enum ToolArguments {
    static func inputObject(_ arguments: [UInt8]) -> [UInt8] {
        if arguments.allSatisfy(isWhitespace) { return Array("{}".utf8) }
        if let document = try? JSONDocument(arguments) {
            let root = document.root
            if root.isObject { return arguments }
            if let inner = root.stringBytes, let innerDocument = try? JSONDocument(inner), innerDocument.root.isObject {
                return inner
            }
        }
        var w = JSONWriter(capacity: arguments.count + 12)
        w.beginObject()
        w.key("raw")
        w.string(String(decoding: arguments, as: UTF8.self))
        w.endObject()
        return w.bytes
    }

    private static func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }
}
