import RouteModel

/// `temperature`, `top_p` and `stop_sequences`, adjusted to what the upstream accepts.
enum SamplingParameters {
    static func write(_ root: JSONNode, quirks: ProviderQuirks, into w: inout JSONWriter) throws(TranslationError) {
        // GPT-5 and o-series (the `max_completion_tokens` models) accept only default sampling.
        let defaultSamplingOnly = quirks.maxCompletionTokens
        if let temperature = try number(root, "temperature"), !defaultSamplingOnly {
            w.key("temperature")
            if quirks.temperatureOpenUnit {
                w.number(min(1, max(0.01, temperature)))
            } else if let node = root["temperature"] {
                w.raw(node)
            }
        }
        if let topP = try number(root, "top_p"), !defaultSamplingOnly, !(quirks.topPBelowOne && topP >= 1) {
            if let node = root["top_p"] { w.member("top_p", raw: node) }
        }
        if let stops = root["stop_sequences"], !stops.isNull {
            guard stops.isArray else { throw .invalidField(path: "stop_sequences", problem: "must be an array of strings") }
            let elements = stops.elements
            for (n, stop) in elements.enumerated() where !stop.isString {
                throw .invalidField(path: "stop_sequences[\(n)]", problem: "must be a string")
            }
            if !elements.isEmpty {
                w.key("stop")
                w.beginArray()
                // OpenAI accepts at most four stop sequences.
                for stop in elements.prefix(4) { w.raw(stop) }
                w.endArray()
            }
        }
    }

    private static func number(_ root: JSONNode, _ key: String) throws(TranslationError) -> Double? {
        guard let node = root[key], !node.isNull else { return nil }
        guard let value = node.double else { throw .invalidField(path: key, problem: "must be a number") }
        return value
    }
}
