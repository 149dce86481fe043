import Foundation
import XCTest
@testable import Translators

/// Splits translator output into SSE events (with the translators' own parser, which the SSE
/// tests check separately) and decodes their JSON with Foundation, independently of the
/// translators' JSON code.
enum StreamOutput {
    struct Event {
        let name: String?
        let data: String
        let json: [String: Any]?
    }

    static func events(_ bytes: [UInt8]) -> [Event] {
        var parser = SSEParser()
        let events = parser.feed(bytes) + parser.finish()
        return events.map { event in
            let json = try? JSONSerialization.jsonObject(with: Data(event.data)) as? [String: Any]
            return Event(name: event.name, data: String(decoding: event.data, as: UTF8.self), json: json)
        }
    }
}

/// Checks that bytes are a well-formed Anthropic Messages stream.
enum AnthropicStreamChecker {
    /// Returns the problems found (empty when well formed).
    static func problems(_ bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        let events = StreamOutput.events(bytes)
        guard let last = events.last else { return ["empty stream"] }
        var started = false
        var openIndex: Int?
        var nextIndex = 0
        var sawMessageDelta = false
        // The open block's text, while it is a text block; whether any tool_use block was sent.
        var openText: String?
        var sawToolUse = false
        for (n, event) in events.enumerated() {
            guard let json = event.json, let type = json["type"] as? String else {
                problems.append("event \(n) is not a JSON object with a type: \(event.data.prefix(120))")
                continue
            }
            if let name = event.name, name != type { problems.append("event \(n) named \(name) carries type \(type)") }
            if type == "error" {
                if n != events.count - 1 { problems.append("error event is not the last") }
                guard let error = json["error"] as? [String: Any], error["type"] is String, error["message"] is String else {
                    problems.append("error event without type/message")
                    continue
                }
                continue
            }
            if type != "message_start", !started { problems.append("\(type) before message_start") }
            switch type {
            case "message_start":
                if started { problems.append("second message_start") }
                started = true
                let message = json["message"] as? [String: Any]
                if message?["id"] as? String == nil || message?["usage"] == nil { problems.append("message_start without id/usage") }
            case "content_block_start":
                let index = json["index"] as? Int
                if openIndex != nil { problems.append("block \(index ?? -1) started while \(openIndex ?? -1) is open") }
                if index != nextIndex { problems.append("block index \(index ?? -1), expected \(nextIndex)") }
                let block = json["content_block"] as? [String: Any]
                if block?["type"] as? String == "tool_use" {
                    sawToolUse = true
                    if block?["id"] as? String == nil || block?["name"] as? String == nil { problems.append("tool_use without id/name") }
                }
                openText = block?["type"] as? String == "text" ? (block?["text"] as? String ?? "") : nil
                openIndex = index
                nextIndex += 1
            case "content_block_delta":
                if json["index"] as? Int != openIndex || openIndex == nil { problems.append("delta for a block that is not open") }
                let delta = json["delta"] as? [String: Any]
                switch delta?["type"] as? String {
                case "text_delta":
                    if let text = delta?["text"] as? String { openText? += text } else { problems.append("text_delta without text") }
                case "thinking_delta": if delta?["thinking"] as? String == nil { problems.append("thinking_delta without thinking") }
                case "input_json_delta":
                    guard let partial = delta?["partial_json"] as? String else {
                        problems.append("input_json_delta without partial_json")
                        break
                    }
                    let parsed = try? JSONSerialization.jsonObject(with: Data(partial.utf8))
                    if !(parsed is [String: Any]) { problems.append("tool input is not a JSON object: \(partial.prefix(80))") }
                default: problems.append("unknown delta type")
                }
            case "content_block_stop":
                if json["index"] as? Int != openIndex || openIndex == nil { problems.append("stop for a block that is not open") }
                if let text = openText, text.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                    problems.append("blank text block \(text.debugDescription)")
                }
                openIndex = nil
                openText = nil
            case "message_delta":
                if openIndex != nil { problems.append("message_delta with a block open") }
                let delta = json["delta"] as? [String: Any]
                let stopReason = delta?["stop_reason"] as? String
                if stopReason == nil { problems.append("message_delta without stop_reason") }
                if (stopReason == "tool_use") != sawToolUse { problems.append("stop_reason \(stopReason ?? "nil") with tool_use blocks: \(sawToolUse)") }
                if (json["usage"] as? [String: Any])?["output_tokens"] as? Int == nil { problems.append("message_delta without usage") }
                sawMessageDelta = true
            case "message_stop":
                if !sawMessageDelta { problems.append("message_stop without message_delta") }
                if n != events.count - 1 { problems.append("message_stop is not the last event") }
            case "ping":
                break
            default:
                problems.append("unknown event type \(type)")
            }
        }
        let lastType = last.json?["type"] as? String
        if lastType != "message_stop", lastType != "error" { problems.append("stream ends with \(lastType ?? "garbage"), not message_stop or error") }
        return problems
    }
}

/// Checks that bytes are a well-formed OpenAI chat completion chunk stream.
enum OpenAIStreamChecker {
    static func problems(_ bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        let events = StreamOutput.events(bytes)
        guard let last = events.last else { return ["empty stream"] }
        var finished = false
        for (n, event) in events.enumerated() {
            if event.name != nil { problems.append("OpenAI frames carry no event name") }
            if event.data == "[DONE]" {
                if n != events.count - 1 { problems.append("[DONE] is not the last frame") }
                continue
            }
            guard let json = event.json else {
                problems.append("frame \(n) is not a JSON object: \(event.data.prefix(120))")
                continue
            }
            if let error = json["error"] as? [String: Any] {
                if error["message"] as? String == nil { problems.append("error without message") }
                if n != events.count - 1 { problems.append("error frame is not the last") }
                continue
            }
            if json["object"] as? String != "chat.completion.chunk" { problems.append("frame \(n) is not a chat.completion.chunk") }
            guard let choices = json["choices"] as? [[String: Any]] else {
                problems.append("frame \(n) has no choices array")
                continue
            }
            if choices.isEmpty, json["usage"] == nil { problems.append("frame \(n) has neither choices nor usage") }
            for choice in choices {
                if choice["delta"] as? [String: Any] == nil { problems.append("choice without delta") }
                if choice["finish_reason"] is String {
                    if finished { problems.append("second finish_reason") }
                    finished = true
                }
            }
        }
        if last.data != "[DONE]", !(last.json?["error"] is [String: Any]) { problems.append("stream does not end with [DONE] or an error") }
        return problems
    }
}
