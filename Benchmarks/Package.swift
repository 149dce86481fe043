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
    ]
)
