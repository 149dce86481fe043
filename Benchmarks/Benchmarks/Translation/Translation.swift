import Benchmark
import ClaudeCodeFixtures

/// The translators on Claude Code's real requests and on long streams, each beside the cost of
/// parsing the same bytes with Foundation's JSON parser in the same run (BENCHMARKS.md reports
/// the ratio; issue 4's target is at most 2×).
let benchmarks: @Sendable () -> Void = {
    // Microseconds throughout, so the ratios to the baselines keep their precision. Names put
    // each baseline first in its group: benchmarks run in name order, and on these shared
    // machines the load changes within minutes.
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .instructions, .mallocCountTotal], timeUnits: .microseconds, maxDuration: .seconds(2)
    )

    for capture in ClaudeCodeFixtures.loadAll() {
        RequestBenchmarks.register(capture)
    }
    StreamBenchmarks.registerOpenAIToAnthropic()
    StreamBenchmarks.registerAnthropicToOpenAI()
}
