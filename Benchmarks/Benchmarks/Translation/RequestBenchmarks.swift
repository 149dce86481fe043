import Benchmark
import ClaudeCodeFixtures
import Foundation
import RouteModel
import Translators

/// Per captured request: Foundation's parse (the baseline), the peek every request gets, the
/// same-format model rewrite, and the full Anthropic → OpenAI translation.
enum RequestBenchmarks {
    static func register(_ capture: ClaudeCodeCapture) {
        let body = capture.body
        let data = Data(body)
        let group = "request \(capture.name) (\(body.count / 1_000) KB)"
        let inboundModel = peekedModel(of: capture)
        let context = DeepSeekLikeUpstream.context(inboundModel: inboundModel, sessionID: capture.sessionID)
        checkTranslates(capture, context: context)

        Benchmark("\(group): baseline, JSONSerialization parse") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try JSONSerialization.jsonObject(with: data))
            }
        }

        Benchmark("\(group): peek, RequestPeek.parse") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try RequestPeek.parse(body, protocol: .anthropic))
            }
        }

        Benchmark("\(group): rewrite, ModelRewriter.rewrite") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try ModelRewriter.rewrite(body, model: DeepSeekLikeUpstream.model))
            }
        }

        Benchmark("\(group): translate, anthropic → openai") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try RequestTranslator.translate(body, from: .anthropic, to: .openai, context: context))
            }
        }
    }

    private static func peekedModel(of capture: ClaudeCodeCapture) -> String {
        guard let peek = try? RequestPeek.parse(capture.body, protocol: .anthropic), let model = peek.model else {
            fatalError("\(capture.name): the capture's body has no model, so it is not a Claude Code request")
        }
        return model
    }

    /// A capture the translator rejects would time the error path; fail before measuring.
    private static func checkTranslates(_ capture: ClaudeCodeCapture, context: UpstreamContext) {
        do {
            let translated = try RequestTranslator.translate(capture.body, from: .anthropic, to: .openai, context: context)
            guard (try? JSONSerialization.jsonObject(with: Data(translated.body))) != nil else {
                fatalError("\(capture.name): the translated body is not JSON")
            }
        } catch {
            fatalError("\(capture.name): translation failed: \(error)")
        }
    }
}
