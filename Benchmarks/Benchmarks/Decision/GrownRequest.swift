import ClaudeCodeFixtures
import Foundation

/// A Claude Code request grown to a given size: the capture's last user message gets prose
/// appended to its last text block, as when a user pastes a long log or file into the prompt.
/// The routing features read exactly that text, so its length is what the keyword scan pays for.
enum GrownRequest {
    /// Grows `capture` until its whole body is `bodyBytes` long.
    static func body(_ capture: ClaudeCodeCapture, totalBytes bodyBytes: Int) -> [UInt8] {
        let extra = bodyBytes - capture.body.count
        guard extra > 0 else { fatalError("\(capture.name) is already \(capture.body.count) bytes, over \(bodyBytes)") }
        return appending(extra, to: capture)
    }

    /// Appends `textBytes` of prose to the last user message's text.
    static func appending(_ textBytes: Int, to capture: ClaudeCodeCapture) -> [UInt8] {
        guard var request = (try? JSONSerialization.jsonObject(with: Data(capture.body))) as? [String: Any],
              var messages = request["messages"] as? [[String: Any]],
              let lastUser = messages.lastIndex(where: { $0["role"] as? String == "user" })
        else {
            fatalError("\(capture.name) has no user message to grow")
        }
        messages[lastUser]["content"] = grow(messages[lastUser]["content"], by: prose(bytes: textBytes), in: capture)
        request["messages"] = messages
        return ClaudeCodeFixtures.compactJSON(request)
    }

    private static func grow(_ content: Any?, by text: String, in capture: ClaudeCodeCapture) -> Any {
        if let string = content as? String { return string + text }
        guard var blocks = content as? [[String: Any]],
              let lastText = blocks.lastIndex(where: { $0["type"] as? String == "text" }),
              let existing = blocks[lastText]["text"] as? String
        else {
            fatalError("\(capture.name): the last user message has no text block to grow")
        }
        blocks[lastText]["text"] = existing + text
        return blocks
    }

    /// Code, prose and paths, like a Claude Code prompt; no character JSON escapes, so the body
    /// grows by exactly `bytes`.
    private static func prose(bytes: Int) -> String {
        let fragment = " Please look at Sources/RouterRuntime/Server/RouterServer.swift and explain why the stream ends early."
            + " func handle(_ request: Request) async throws -> Response { let body = try await request.body.collect(upTo: 1 << 20) }"
            + " The failing test is RouterRuntimeTests.testStreamingPassthrough; it times out after the first event."
        let repeated = String(repeating: fragment, count: bytes / fragment.utf8.count + 1)
        return String(decoding: repeated.utf8.prefix(bytes), as: UTF8.self)
    }
}
