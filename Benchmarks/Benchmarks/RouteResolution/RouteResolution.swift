import Benchmark
import GeneratedRoutes
import RouteModel

/// Route resolution and keyword matching on the shipped table, each beside a baseline measured
/// in the same run (ratios are what BENCHMARKS.md reports: these machines are noisy).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .instructions, .mallocCountTotal], maxDuration: .seconds(2))

    let table = CompiledRoutes.table
    let decider = RouteDecider(table: table)
    let prompt = Prompts.claudeCodeLike(bytes: 100_000, keyword: nil)
    let promptWithKeyword = Prompts.claudeCodeLike(bytes: 100_000, keyword: "ultrathink")
    let chinesePrompt = Prompts.chinese(bytes: 100_000)
    guard let smart = table.combos.first(where: { $0.name == "smart" }), let automaton = smart.keywords else {
        fatalError("the shipped routes have a combo 'smart' with keyword rules")
    }
    let chooser = RouteDecider.randomChooser { 0x9E37_79B9_7F4A_7C15 }

    // Baseline: one pass over the prompt's bytes, the least any matcher must do.
    Benchmark("baseline: sum the bytes of a 100 KB prompt") { benchmark in
        for _ in benchmark.scaledIterations {
            var sum: UInt64 = 0
            var text = prompt
            text.withUTF8 { for byte in $0 { sum &+= UInt64(byte) } }
            blackHole(sum)
        }
    }

    // Baseline: what a straightforward implementation does (lowercase, then search per keyword).
    Benchmark("baseline: lowercased().contains for each keyword, 100 KB") { benchmark in
        for _ in benchmark.scaledIterations {
            let folded = prompt.lowercased()
            blackHole(automaton.keywords.contains { folded.contains($0) })
        }
    }

    Benchmark("keywords: automaton scan, 100 KB English, no match") { benchmark in
        for _ in benchmark.scaledIterations {
            var matches = KeywordMatches(keywordCount: automaton.keywords.count)
            automaton.scan(prompt, into: &matches)
            blackHole(matches)
        }
    }

    Benchmark("keywords: automaton scan, 100 KB Chinese") { benchmark in
        for _ in benchmark.scaledIterations {
            var matches = KeywordMatches(keywordCount: automaton.keywords.count)
            automaton.scan(chinesePrompt, into: &matches)
            blackHole(matches)
        }
    }

    Benchmark("resolve: exact name (combo 'smart')") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(decider.resolve(model: "smart")) }
    }

    Benchmark("resolve: glob route (claude-sonnet-4-5-20250929)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(decider.resolve(model: "claude-sonnet-4-5-20250929")) }
    }

    Benchmark("decide: sonnet, 100 KB prompt, no rule fires") { benchmark in
        let features = RequestFeatures(latestUserText: prompt, estimatedInputTokens: 25_000)
        for _ in benchmark.scaledIterations {
            blackHole(decider.decide(model: "claude-sonnet-4-5-20250929", features: features, choose: chooser))
        }
    }

    Benchmark("decide: sonnet, 100 KB prompt, keyword rule fires") { benchmark in
        let features = RequestFeatures(latestUserText: promptWithKeyword, estimatedInputTokens: 25_000)
        for _ in benchmark.scaledIterations {
            blackHole(decider.decide(model: "claude-sonnet-4-5-20250929", features: features, choose: chooser))
        }
    }

    Benchmark("decide: haiku, short prompt") { benchmark in
        let features = RequestFeatures(latestUserText: "Summarize this conversation in five words.")
        for _ in benchmark.scaledIterations {
            blackHole(decider.decide(model: "claude-haiku-4-5-20251001", features: features, choose: chooser))
        }
    }
}

/// Prompt texts shaped like Claude Code's: code, prose and paths.
enum Prompts {
    static let fragment = """
    Please look at Sources/RouterRuntime/Server/RouterServer.swift and explain why the stream ends early. \
    func handle(_ request: Request) async throws -> Response { let body = try await request.body.collect(upTo: 1 << 20) } \
    The failing test is RouterRuntimeTests.testStreamingPassthrough; it times out after the first event.

    """

    static func claudeCodeLike(bytes: Int, keyword: String?) -> String {
        var text = ""
        while text.utf8.count < bytes { text += fragment }
        if let keyword { text += "Now \(keyword) about the fix." }
        return text
    }

    static func chinese(bytes: Int) -> String {
        var text = ""
        while text.utf8.count < bytes { text += "请检查这个函数为什么在第一个事件之后就结束了流。代码如下：let body = request.body\n" }
        return text
    }
}
