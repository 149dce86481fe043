import Foundation

/// A strict check of an OpenAI Chat Completions request: only fields OpenAI documents (plus the
/// provider extensions a test allows), the right types, and tool-message ordering (every
/// assistant tool call answered by a `tool` message before the next assistant message, and no
/// `tool` message without a call).
struct OpenAISchemaChecker {
    static let knownTopLevel: Set<String> = [
        "model", "messages", "tools", "tool_choice", "parallel_tool_calls", "max_tokens", "max_completion_tokens",
        "temperature", "top_p", "stop", "stream", "stream_options", "user", "prompt_cache_key", "reasoning_effort",
        "n", "presence_penalty", "frequency_penalty", "logit_bias", "logprobs", "top_logprobs", "response_format",
        "seed", "service_tier", "metadata", "store", "modalities", "audio", "prediction", "safety_identifier", "verbosity",
    ]

    var allowedExtensions: Set<String> = []

    func problems(_ body: [UInt8]) -> [String] {
        guard let root = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return ["not a JSON object"] }
        var problems: [String] = []
        for key in root.keys where !Self.knownTopLevel.contains(key) && !allowedExtensions.contains(key) {
            problems.append("unknown top-level field \(key)")
        }
        if !(root["model"] is String) { problems.append("model must be a string") }
        for key in ["max_tokens", "max_completion_tokens"] where root[key] != nil {
            if !(root[key] is Int) { problems.append("\(key) must be an integer") }
        }
        for key in ["temperature", "top_p"] where root[key] != nil {
            if !(root[key] is NSNumber) { problems.append("\(key) must be a number") }
        }
        if let stop = root["stop"], !(stop is String || stop is [String]) { problems.append("stop must be a string or strings") }
        if let stream = root["stream"], !(stream is Bool) { problems.append("stream must be a boolean") }
        if let options = root["stream_options"] {
            if let options = options as? [String: Any] {
                for key in options.keys where key != "include_usage" { problems.append("unknown stream_options.\(key)") }
            } else {
                problems.append("stream_options must be an object")
            }
        }
        var toolNames: Set<String> = []
        if let tools = root["tools"] {
            guard let tools = tools as? [[String: Any]] else { return problems + ["tools must be an array of objects"] }
            for (n, tool) in tools.enumerated() {
                if Set(tool.keys) != ["type", "function"] { problems.append("tools[\(n)] has fields \(tool.keys.sorted())") }
                if tool["type"] as? String != "function" { problems.append("tools[\(n)].type must be function") }
                guard let function = tool["function"] as? [String: Any] else {
                    problems.append("tools[\(n)].function must be an object")
                    continue
                }
                for key in function.keys where !["name", "description", "parameters", "strict"].contains(key) {
                    problems.append("unknown tools[\(n)].function.\(key)")
                }
                guard let name = function["name"] as? String else {
                    problems.append("tools[\(n)].function.name must be a string")
                    continue
                }
                toolNames.insert(name)
                if let description = function["description"], !(description is String) { problems.append("tools[\(n)] description type") }
                if let parameters = function["parameters"], !(parameters is [String: Any]) { problems.append("tools[\(n)] parameters type") }
            }
        }
        if let choice = root["tool_choice"] {
            if let word = choice as? String {
                if !["auto", "none", "required"].contains(word) { problems.append("tool_choice '\(word)'") }
            } else if let object = choice as? [String: Any], object["type"] as? String == "function",
                      let name = (object["function"] as? [String: Any])?["name"] as? String
            {
                if !toolNames.contains(name) { problems.append("tool_choice names an unknown tool") }
            } else {
                problems.append("tool_choice has the wrong shape")
            }
            if root["tools"] == nil { problems.append("tool_choice without tools") }
        }
        guard let messages = root["messages"] as? [[String: Any]], !messages.isEmpty else {
            return problems + ["messages must be a non-empty array of objects"]
        }
        problems += messageProblems(messages)
        return problems
    }

    private func messageProblems(_ messages: [[String: Any]]) -> [String] {
        var problems: [String] = []
        var unanswered: [String] = []
        for (n, message) in messages.enumerated() {
            let path = "messages[\(n)]"
            guard let role = message["role"] as? String else {
                problems.append("\(path).role missing")
                continue
            }
            var allowed: Set<String>
            switch role {
            case "system", "developer": allowed = ["role", "content", "name"]
            case "user": allowed = ["role", "content", "name"]
            case "assistant": allowed = Set(["role", "content", "name", "tool_calls", "refusal", "audio"]).union(allowedExtensions)
            case "tool": allowed = ["role", "content", "tool_call_id"]
            default:
                problems.append("\(path).role '\(role)'")
                continue
            }
            for key in message.keys where !allowed.contains(key) { problems.append("unknown \(path).\(key)") }
            if role != "tool", !unanswered.isEmpty {
                problems.append("\(path) (\(role)) comes before tool results for \(unanswered)")
                unanswered.removeAll()
            }
            switch role {
            case "tool":
                guard let id = message["tool_call_id"] as? String else {
                    problems.append("\(path).tool_call_id missing")
                    continue
                }
                if let index = unanswered.firstIndex(of: id) {
                    unanswered.remove(at: index)
                } else {
                    problems.append("\(path) answers \(id), which no preceding assistant message called")
                }
                if !(message["content"] is String) { problems.append("\(path).content must be a string") }
            case "assistant":
                let calls = message["tool_calls"] as? [[String: Any]] ?? []
                if message["tool_calls"] != nil, calls.isEmpty { problems.append("\(path).tool_calls must be a non-empty array") }
                let content = message["content"]
                if content == nil || content is NSNull {
                    if calls.isEmpty { problems.append("\(path) has neither content nor tool_calls") }
                } else if !(content is String) && !(content is [[String: Any]]) {
                    problems.append("\(path).content type")
                }
                for (k, call) in calls.enumerated() {
                    guard let id = call["id"] as? String, call["type"] as? String == "function",
                          let function = call["function"] as? [String: Any], function["name"] is String,
                          let arguments = function["arguments"] as? String
                    else {
                        problems.append("\(path).tool_calls[\(k)] has the wrong shape")
                        continue
                    }
                    if (try? JSONSerialization.jsonObject(with: Data(arguments.utf8))) == nil {
                        problems.append("\(path).tool_calls[\(k)].arguments is not JSON")
                    }
                    unanswered.append(id)
                }
            default:
                problems += contentProblems(message["content"], path: "\(path).content", imagesAllowed: role == "user")
            }
        }
        if !unanswered.isEmpty { problems.append("tool calls \(unanswered) are never answered") }
        return problems
    }

    private func contentProblems(_ content: Any?, path: String, imagesAllowed: Bool) -> [String] {
        if content is String { return [] }
        guard let parts = content as? [[String: Any]] else { return ["\(path) must be a string or an array of parts"] }
        var problems: [String] = []
        for (n, part) in parts.enumerated() {
            switch part["type"] as? String {
            case "text":
                if Set(part.keys) != ["type", "text"] || !(part["text"] is String) { problems.append("\(path)[\(n)] text part shape") }
            case "image_url" where imagesAllowed:
                guard Set(part.keys) == ["type", "image_url"], let image = part["image_url"] as? [String: Any],
                      let url = image["url"] as? String, url.hasPrefix("data:image/") || url.hasPrefix("http")
                else {
                    problems.append("\(path)[\(n)] image_url part shape")
                    continue
                }
            default:
                problems.append("\(path)[\(n)] part type \(part["type"] ?? "nil")")
            }
        }
        return problems
    }
}
