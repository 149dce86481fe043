import Foundation
import NIOCore

/// Pulls the error type and message out of whatever an upstream sent with a failure: an
/// Anthropic or OpenAI error object, a bare `{"message":...}`, or an HTML page from a proxy.
enum UpstreamErrorReader {
    struct Summary: Sendable, Equatable {
        let type: String?
        let message: String
    }

    static func summarize(status: Int, contentType: String?, body: ByteBuffer) -> Summary {
        let bytes = Data(body.readableBytesView)
        if let envelope = try? JSONDecoder().decode(Envelope.self, from: bytes), let message = envelope.message {
            return Summary(type: envelope.type, message: message)
        }
        let text = String(decoding: bytes.prefix(200), as: UTF8.self)
        let kind = contentType.map { " (\($0))" } ?? ""
        let snippet = text.isEmpty ? "" : ": " + Self.squash(text)
        return Summary(type: nil, message: "HTTP \(status)\(kind)\(snippet)")
    }

    /// A body that is not an error object, squashed to one readable line (HTML tags removed).
    private static func squash(_ text: String) -> String {
        var out = ""
        var inTag = false
        for character in text {
            switch character {
            case "<": inTag = true
            case ">": inTag = false; out.append(" ")
            default: if !inTag { out.append(character.isNewline ? " " : character) }
            }
        }
        return out.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// `{"error":{"type","message"}}`, `{"error":"text"}` or `{"message":"text"}`.
    private struct Envelope: Decodable {
        var type: String?
        var message: String?

        enum Keys: String, CodingKey { case error, message, type }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            if let inner = try? container.nestedContainer(keyedBy: Keys.self, forKey: .error) {
                type = try? inner.decodeIfPresent(String.self, forKey: .type)
                message = try? inner.decodeIfPresent(String.self, forKey: .message)
            } else if let text = try? container.decodeIfPresent(String.self, forKey: .error) {
                message = text
            } else {
                message = try? container.decodeIfPresent(String.self, forKey: .message)
            }
        }
    }
}
