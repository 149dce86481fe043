// swift-tools-version:6.1
import Foundation
import PackageDescription

/// A path dependency's identity is its directory name, which differs between checkouts.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

// Benchmarks of the hot paths, kept out of the main package so its build stays lean.
// Run from this directory: swift package benchmark   (results: ../BENCHMARKS.md)
let package = Package(
    name: "ClaudeRouterBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "RouteResolution",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "RouteModel", package: root),
                .product(name: "GeneratedRoutes", package: root),
            ],
            path: "Benchmarks/RouteResolution",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The translators on Claude Code's captured requests and on 2,000-chunk streams, beside
        // Foundation's JSON parse of the same bytes.
        .executableTarget(
            name: "Translation",
            dependencies: [
                "ClaudeCodeFixtures",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Translators", package: root),
                .product(name: "RouteModel", package: root),
            ],
            path: "Benchmarks/Translation",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The per-request peek and decision on a 100 KB Claude Code body and the shipped table.
        .executableTarget(
            name: "Decision",
            dependencies: [
                "ClaudeCodeFixtures",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Translators", package: root),
                .product(name: "RouteModel", package: root),
                .product(name: "GeneratedRoutes", package: root),
            ],
            path: "Benchmarks/Decision",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Loads Tests/Fixtures/claude-code for the benchmarks above (a library, so the plugin
        // does not take it for a benchmark).
        .target(name: "ClaudeCodeFixtures", path: "Benchmarks/ClaudeCodeFixtures"),
    ]
)
