import Benchmark
import ClaudeCodeFixtures
import Foundation
import GeneratedRoutes
import RouteModel
import Translators

/// What every request costs before it goes upstream: the peek (model, stream, routing features)
/// and the decision on the shipped table (route, rules, pick), on Claude Code requests grown to
/// 100 KB, beside Foundation's parse of the same body in the same run.
let benchmarks: @Sendable () -> Void = {
    // Microseconds throughout, so the ratios to the baselines keep their precision. Names put
    // each baseline first in its group: benchmarks run in name order, and on these shared
    // machines the load changes within minutes.
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .instructions, .mallocCountTotal], timeUnits: .microseconds, maxDuration: .seconds(2)
    )

    let capture = ClaudeCodeFixtures.load(named: "01-say-hi-turn1")
    let decider = RouteDecider(table: CompiledRoutes.table)
    let grownBody = GrownRequest.body(capture, totalBytes: 100_000)
    DecisionBenchmarks.register(grownBody, decider: decider)
    let grownPrompt = GrownRequest.appending(100_000, to: capture)
    DecisionBenchmarks.register(grownPrompt, decider: decider)
}

enum DecisionBenchmarks {
    static func register(_ body: [UInt8], decider: RouteDecider) {
        // Draws a fixed value, so every iteration picks the same member.
        let chooser = RouteDecider.randomChooser { 0x9E37_79B9_7F4A_7C15 }
        let data = Data(body)
        let peek = checkedPeek(body, decider: decider, chooser: chooser)
        guard let model = peek.model else { fatalError("the grown request has no model") }
        let features = peek.features
        let group = "decision, \(body.count / 1_000) KB body (\(features.latestUserText.utf8.count / 1_000) KB latest user text)"

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

        Benchmark("\(group): decide, route + rules + pick") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(decider.decide(model: model, features: features, choose: chooser))
            }
        }

        Benchmark("\(group): peek + decide (per request)") { benchmark in
            for _ in benchmark.scaledIterations {
                let peek = try RequestPeek.parse(body, protocol: .anthropic)
                blackHole(decider.decide(model: peek.model ?? "", features: peek.features, choose: chooser))
            }
        }
    }

    /// A body the peek rejects, or a model the table does not route, would time an error path.
    private static func checkedPeek(_ body: [UInt8], decider: RouteDecider, chooser: RouteDecider.MemberChooser) -> RequestPeek {
        let peek: RequestPeek
        do {
            peek = try RequestPeek.parse(body, protocol: .anthropic)
        } catch {
            fatalError("the grown request does not peek: \(error)")
        }
        guard let model = peek.model,
              let decision = decider.decide(model: model, features: peek.features, choose: chooser),
              !decision.attempts.isEmpty
        else {
            fatalError("the shipped table does not route \(peek.model ?? "a request without a model")")
        }
        return peek
    }
}
