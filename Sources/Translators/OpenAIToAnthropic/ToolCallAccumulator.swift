/// One tool call being streamed by an OpenAI upstream.
struct ToolCallAccumulator: Sendable {
    var upstreamIndex: Int
    var id: String?
    var name = ""
    var arguments: [UInt8] = []

    init(upstreamIndex: Int, id: String?) {
        self.upstreamIndex = upstreamIndex
        self.id = id
    }

    /// Same call: same index, unless a different id says the upstream reused the index for a
    /// new call.
    func matches(upstreamIndex index: Int?, id newID: String?) -> Bool {
        if let newID, let id, newID != id { return false }
        if let index { return index == upstreamIndex }
        return newID == nil || newID == id
    }
}
