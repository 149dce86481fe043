import Foundation
import NIOCore

/// What the mock needs to know about a generation request (Anthropic Messages or OpenAI Chat
/// Completions): only the fields that drive matching and the default reply are decoded.
struct InboundRequest: Sendable {
    var wire: WireProtocol
    var model: String
    var stream: Bool
    /// OpenAI `stream_options.include_usage`.
    var includeUsage: Bool
    /// The user's own words in the latest turn: text blocks without `<system-reminder>` sections
    /// and without tool results, trimmed.
    var userWords: String
    /// How many tool results the latest user turn carries.
    var toolResultCount: Int
    /// A rough token estimate of the whole request (bytes / 4, at least 1).
    var estimatedInputTokens: Int
    /// DashScope's `enable_search: true`: the reply reports the sources it "searched" in
    /// `search_info`, as DashScope does with `search_options.enable_source`.
    var enableSearch = false

    /// Decodes `body`; throws when it is not a JSON object of the expected shape.
    init(wire: WireProtocol, body: ByteBuffer) throws {
        let envelope = try JSONDecoder().decode(Envelope.self, from: Data(body.readableBytesView))
        self.wire = wire
        self.model = envelope.model ?? "mock-model"
        self.stream = envelope.stream ?? false
        self.includeUsage = envelope.streamOptions?.includeUsage ?? false
        self.enableSearch = envelope.enableSearch ?? false
        self.estimatedInputTokens = Self.estimatedTokens(byteCount: body.readableBytes)

        var words: [String] = []
        var toolResults = 0
        for message in Self.latestUserTurn(envelope.messages ?? []) {
            if message.role == "tool" {
                toolResults += 1
                continue
            }
            switch message.content {
            case .text(let text):
                words.append(text)
            case .blocks(let blocks):
                for block in blocks {
                    if block.type == "tool_result" {
                        toolResults += 1
                    } else if let text = block.text {
                        words.append(text)
                    }
                }
            case nil:
                break
            }
        }
        self.userWords = words
            .map { Self.strippingSystemReminders($0).trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
        self.toolResultCount = toolResults
    }

    /// The token estimate the mock reports for a body of `byteCount` bytes.
    static func estimatedTokens(byteCount: Int) -> Int {
        max(1, byteCount / 4)
    }

    /// The trailing `tool` messages (OpenAI sends one per result) ending at the last `user` or
    /// `tool` message; the last `user` message when the conversation ends with something else
    /// (Claude Code appends `system` messages after the user turn).
    private static func latestUserTurn(_ messages: [Message]) -> ArraySlice<Message> {
        guard let last = messages.lastIndex(where: { $0.role == "user" || $0.role == "tool" }) else {
            return []
        }
        var first = last
        while first > messages.startIndex, messages[first - 1].role == "tool" {
            first -= 1
        }
        return messages[first...last]
    }

    /// `text` without `<system-reminder>…</system-reminder>` sections; an unclosed section runs
    /// to the end of the text.
    static func strippingSystemReminders(_ text: String) -> String {
        guard text.contains("<system-reminder>") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "<system-reminder>") {
            result += rest[..<open.lowerBound]
            guard let close = rest.range(of: "</system-reminder>", range: open.upperBound..<rest.endIndex) else {
                return result
            }
            rest = rest[close.upperBound...]
        }
        result += rest
        return result
    }
}

// MARK: - Decoding shapes

/// The top-level members of either request format that the mock reads.
private struct Envelope: Decodable {
    var model: String?
    var stream: Bool?
    var streamOptions: StreamOptions?
    var messages: [Message]?
    var enableSearch: Bool?

    enum CodingKeys: String, CodingKey {
        case model, stream, messages
        case streamOptions = "stream_options"
        case enableSearch = "enable_search"
    }

    struct StreamOptions: Decodable {
        var includeUsage: Bool?
        enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
    }
}

/// One chat message of either format.
private struct Message: Decodable {
    var role: String
    var content: MessageContent?
}

/// Message content: a plain string or a list of typed blocks/parts.
private enum MessageContent: Decodable {
    case text(String)
    case blocks([Block])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .text("")
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .blocks(try container.decode([Block].self))
        }
    }

    /// A content block (Anthropic) or content part (OpenAI); only its kind and text are read,
    /// so nested tool-result content, images and tool inputs are skipped whatever their shape.
    struct Block: Decodable {
        var type: String?
        var text: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = try container.decodeIfPresent(String.self, forKey: .type)
            // A non-string `text` (seen in nothing real) is treated as no text rather than a 400.
            text = try? container.decodeIfPresent(String.self, forKey: .text)
        }

        enum CodingKeys: String, CodingKey { case type, text }
    }
}
