import RouteModel

/// Claude Code's WebSearch is Anthropic's `web_search_…` server tool: Anthropic runs the search
/// and answers with `server_tool_use` / `web_search_tool_result` blocks. OpenAI-protocol
/// upstreams have no such tool, so:
///
/// - with `enable_search` (DashScope) the request asks for the provider's own search, forced and
///   with its sources reported (``WebSearchResults`` turns them back into Anthropic's blocks);
/// - otherwise a request whose only tool is the web search (Claude Code's WebSearch call) is
///   refused with a message saying so, instead of an answer made up without searching; beside
///   other tools the search tool is left out, as before.
enum WebSearchRequest {
    /// The index of the web search server tool in `tools`, and whether it is the only tool.
    static func find(_ root: JSONNode) -> (index: Int, isOnlyTool: Bool)? {
        guard let tools = root["tools"], tools.isArray else { return nil }
        let all = tools.elements
        guard let index = all.firstIndex(where: { $0.string("type").map(ServerToolType.baseName) == "web_search" }) else { return nil }
        return (index, all.count == 1)
    }

    static func write(_ root: JSONNode, context: UpstreamContext, into w: inout JSONWriter) throws(TranslationError) {
        guard let search = find(root) else { return }
        if context.quirks.enableSearch {
            w.member("enable_search", true)
            w.key("search_options")
            w.rawValue(#"{"forced_search":true,"enable_source":true}"#.utf8)
        } else if search.isOnlyTool {
            throw .invalidField(
                path: "tools[\(search.index)]",
                problem: "is Anthropic's web search, and \(context.upstreamModel) cannot search the web: web search is not available on this "
                    + "route. Route requests with `tools_include: [web_search]` to a target whose preset searches (e.g. DashScope)."
            )
        }
    }
}
