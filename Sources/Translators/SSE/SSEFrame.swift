/// Writes server-sent event frames.
enum SSEFrame {
    /// `event: NAME\ndata: JSON\n\n` (Anthropic style; `name` nil gives OpenAI's bare `data:`).
    static func append(name: String?, data: [UInt8], to out: inout [UInt8]) {
        if let name {
            out.append(contentsOf: "event: ".utf8)
            out.append(contentsOf: name.utf8)
            out.append(0x0A)
        }
        out.append(contentsOf: "data: ".utf8)
        out.append(contentsOf: data)
        out.append(contentsOf: [0x0A, 0x0A])
    }

    static let openAIDone: [UInt8] = Array("data: [DONE]\n\n".utf8)
}
