import Benchmark
import Foundation
import RouteModel
import Translators

/// A whole 2,000-chunk stream through ``StreamTranslator``, beside parsing each chunk's JSON
/// with Foundation (what any translator must at least do).
enum StreamBenchmarks {
    static func registerOpenAIToAnthropic() {
        let stream = OpenAIChunkStream.generate()
        let context = DeepSeekLikeUpstream.context(inboundModel: "claude-opus-5-5", sessionID: nil)
        let translate = { StreamTranslator(from: .openai, to: .anthropic, context: context, estimatedInputTokens: 24_000) }
        check(translate(), on: stream.bytes, expecting: [#""stop_reason":"tool_use""#, "event: message_stop"])
        let group = "stream openai → anthropic, \(OpenAIChunkStream.chunkCount) chunks (\(stream.bytes.count / 1_000) KB)"

        registerParseBaseline("\(group): baseline, JSONSerialization parse per chunk", stream.payloads)
        Benchmark("\(group): translate") { benchmark in
            for _ in benchmark.scaledIterations {
                var translator = translate()
                blackHole(NetworkReads.feed(stream.bytes, to: &translator))
            }
        }
    }

    static func registerAnthropicToOpenAI() {
        let stream = AnthropicEventStream.generate()
        let context = UpstreamContext(upstreamModel: "claude-opus-5-5", inboundModel: "claude-opus-5-5")
        let translate = { StreamTranslator(from: .anthropic, to: .openai, context: context, includeUsage: true) }
        check(translate(), on: stream.bytes, expecting: [#""finish_reason":"tool_calls""#, "data: [DONE]"])
        let group = "stream anthropic → openai, \(AnthropicEventStream.eventCount) events (\(stream.bytes.count / 1_000) KB)"

        registerParseBaseline("\(group): baseline, JSONSerialization parse per event", stream.payloads)
        Benchmark("\(group): translate") { benchmark in
            for _ in benchmark.scaledIterations {
                var translator = translate()
                blackHole(NetworkReads.feed(stream.bytes, to: &translator))
            }
        }

        // The same stream to an Anthropic client: forwarded as is, watched for whole events,
        // errors and usage (what every same-format stream costs the relay).
        let passthrough = { StreamTranslator(from: .anthropic, to: .anthropic, context: context) }
        check(passthrough(), on: stream.bytes, expecting: ["event: message_stop"])
        Benchmark("\(group): passthrough, anthropic → anthropic") { benchmark in
            for _ in benchmark.scaledIterations {
                var translator = passthrough()
                blackHole(NetworkReads.feed(stream.bytes, to: &translator))
            }
        }
    }

    private static func registerParseBaseline(_ name: String, _ payloads: [Data]) {
        Benchmark(name) { benchmark in
            for _ in benchmark.scaledIterations {
                for payload in payloads { blackHole(try JSONSerialization.jsonObject(with: payload)) }
            }
        }
    }

    /// A stream the translator chokes on would time the error path; fail before measuring.
    private static func check(_ translator: StreamTranslator, on bytes: [UInt8], expecting markers: [String]) {
        var translator = translator
        var output: [UInt8] = []
        NetworkReads.feed(bytes, to: &translator) { output += $0 }
        let text = String(decoding: output, as: UTF8.self)
        if let error = translator.upstreamError { fatalError("the generated stream was translated as an error: \(error)") }
        for marker in markers where !text.contains(marker) {
            fatalError("the translated stream lacks \(marker); the generated stream is not what the benchmark assumes")
        }
    }
}

/// Upstream bytes arrive in network reads, not whole frames: feeding 1,400 bytes (about one TCP
/// segment) at a time keeps frames straddling reads, as they do in production.
enum NetworkReads {
    static let size = 1_400

    /// Feeds the whole stream and finishes it; returns the output's byte count.
    static func feed(_ bytes: [UInt8], to translator: inout StreamTranslator) -> Int {
        var produced = 0
        feed(bytes, to: &translator) { produced += $0.count }
        return produced
    }

    /// Feeds the whole stream and finishes it, handing each piece of output to `forward`.
    static func feed(_ bytes: [UInt8], to translator: inout StreamTranslator, forward: ([UInt8]) -> Void) {
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + size)
            forward(translator.feed(bytes[start..<end]))
            start = end
        }
        forward(translator.finish())
    }
}
