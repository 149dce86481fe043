/// The sources an OpenAI-protocol upstream's own web search reports (DashScope's
/// `search_info.search_results`: `title`, `url`, `site_name`), as the two blocks Anthropic's web
/// search server tool produces and Claude Code's WebSearch reads: a `server_tool_use` named
/// `web_search` and its `web_search_tool_result` with one `web_search_result` per source.
enum WebSearchResults {
    /// The non-empty result list of a response or chunk, if any.
    static func results(in root: JSONNode) -> JSONNode? {
        guard let results = root["search_info"]?["search_results"], results.isArray, results.count > 0 else { return nil }
        return results
    }

    static func toolUseID(messageID: String) -> String {
        "srvtoolu_\(ToolCallID.normalized(messageID, messageID: "", ordinal: 0))"
    }

    /// The `server_tool_use` block, complete (the input is known at once).
    static func writeToolUse(id: String, into w: inout JSONWriter) {
        w.beginObject()
        w.member("type", "server_tool_use")
        w.member("id", id)
        w.member("name", "web_search")
        w.key("input")
        w.rawValue(#"{"query":""}"#.utf8)
        w.endObject()
    }

    /// The `web_search_tool_result` block.
    static func writeResult(_ results: JSONNode, toolUseID: String, into w: inout JSONWriter) {
        w.beginObject()
        w.member("type", "web_search_tool_result")
        w.member("tool_use_id", toolUseID)
        w.key("content")
        w.beginArray()
        for result in results.elements where result.isObject {
            guard let url = result["url"], url.isString else { continue }
            w.beginObject()
            w.member("type", "web_search_result")
            w.key("title")
            if let title = result["title"], title.isString { w.raw(title) } else { w.raw(url) }
            w.key("url")
            w.raw(url)
            w.member("encrypted_content", "")
            w.key("page_age")
            w.null()
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}
