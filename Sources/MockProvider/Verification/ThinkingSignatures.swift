import Foundation

/// Thinking-block signatures the way Anthropic treats them: each mock process signs the thinking
/// it produces with a secret of its own, and (with `--verify-signatures`) rejects a request whose
/// assistant turns carry thinking it did not sign, a missing signature, or a final tool-use turn
/// without its thinking while thinking is on, with Anthropic's 400 wording. Another mock process
/// (another "provider") has another secret, so its signatures are foreign here.
enum ThinkingSignatures {
    /// This process's signing secret.
    private static let secret = String(UInt64.random(in: 1...UInt64.max), radix: 36)

    /// The signature of `thinking`: bound to the text and to this process.
    static func sign(_ thinking: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a, enough to tell mocks and texts apart
        for byte in (secret + "\u{0}" + thinking).utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return "mocksig_\(secret)_\(String(hash, radix: 16))"
    }

    /// Anthropic's complaint about `body`, or nil when every thinking block verifies.
    static func problem(in body: Data) -> String? {
        guard let root = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let messages = root["messages"] as? [[String: Any]]
        else { return nil }
        for (m, message) in messages.enumerated() where message["role"] as? String == "assistant" {
            guard let blocks = message["content"] as? [[String: Any]] else { continue }
            for (b, block) in blocks.enumerated() where block["type"] as? String == "thinking" {
                guard let signature = block["signature"] as? String else {
                    return "messages.\(m).content.\(b).thinking.signature: Field required"
                }
                guard signature == sign(block["thinking"] as? String ?? "") else {
                    return "messages.\(m).content.\(b): Invalid `signature` in `thinking` block"
                }
            }
        }
        return finalToolTurnProblem(root: root, messages: messages)
    }

    /// With thinking on, the assistant turn whose tool calls the last user turn answers must
    /// start with a thinking block.
    private static func finalToolTurnProblem(root: [String: Any], messages: [[String: Any]]) -> String? {
        let thinkingType = (root["thinking"] as? [String: Any])?["type"] as? String
        guard thinkingType == "enabled" || thinkingType == "adaptive",
              let last = messages.last, last["role"] as? String == "user",
              let results = last["content"] as? [[String: Any]], results.contains(where: { $0["type"] as? String == "tool_result" }),
              messages.count >= 2, messages[messages.count - 2]["role"] as? String == "assistant",
              let blocks = messages[messages.count - 2]["content"] as? [[String: Any]], let first = blocks.first
        else { return nil }
        let type = first["type"] as? String ?? "?"
        guard type != "thinking", type != "redacted_thinking" else { return nil }
        return "messages.\(messages.count - 2).content.0.type: Expected `thinking` or `redacted_thinking`, but found `\(type)`. "
            + "When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of "
            + "`tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this "
            + "requirement, disable `thinking`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking"
    }
}
