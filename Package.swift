// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ClaudeRouter",
    // macOS 15: the runtime uses `Mutex` and `Atomic` (Synchronization). Built and tested on Linux.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "route-compiler", targets: ["RouteCompilerCLI"]),
        .executable(name: "claude-router", targets: ["ClaudeRouterCLI"]),
        .executable(name: "mock-provider", targets: ["MockProvider"]),
        .executable(name: "fake-auth-server", targets: ["FakeAuthServer"]),
        .library(name: "RouteModel", targets: ["RouteModel"]),
        .library(name: "RouteCompiler", targets: ["RouteCompiler"]),
        .library(name: "GeneratedRoutes", targets: ["GeneratedRoutes"]),
        .library(name: "Translators", targets: ["Translators"]),
        .library(name: "RouterRuntime", targets: ["RouterRuntime"]),
    ],
    dependencies: [
        // No Hummingbird traits: with its defaults SwiftPM orders their flags differently for
        // `swift build` and `swift test` and recompiles Hummingbird on every switch.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // The route model shared by the compiler and the runtime: table types and the matchers
        // (keyword automaton, globs, weighted picks) that generated code feeds with static tables.
        .target(name: "RouteModel"),

        // JSON string literals written by hand (quote a String or UTF-8 bytes), shared by every
        // target that writes JSON text itself; no dependencies.
        .target(name: "JSONEscaping"),

        // routes.yaml + catalog -> typed config -> validation -> resolved table -> Swift source.
        .target(
            name: "RouteCompiler",
            dependencies: [
                "RouteModel",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "RouteCompilerCLI",
            dependencies: [
                "RouteCompiler",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The compiled routing table; written by `route-compiler`, committed, never edited by hand.
        .target(name: "GeneratedRoutes", dependencies: ["RouteModel"], path: "generated"),

        // Pure format translators (Anthropic Messages <-> OpenAI Chat Completions): no I/O,
        // requests, responses and SSE streams as state machines fed bytes, emitting bytes.
        .target(name: "Translators", dependencies: ["RouteModel", "JSONEscaping"]),

        // OAuth 2.0 client: login flows (authorization code + PKCE, device, client credentials), the
        // encrypted token store, and single-flight refresh.
        .target(
            name: "OAuth",
            dependencies: [
                "RouteModel",
                "JSONEscaping",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),

        // The append-only JSONL usage log: record schema, the batching writer, the in-memory
        // aggregate behind /v1/usage, and recovery of a torn last line.
        .target(
            name: "UsageLog",
            dependencies: ["JSONEscaping", "RouteModel", .product(name: "Logging", package: "swift-log")]
        ),

        // zlib from the system (Debian zlib1g-dev), for gzip and deflate request bodies.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),

        // The request path: server, client auth, decision, upstream proxy, errors.
        .target(
            name: "RouterRuntime",
            dependencies: [
                "RouteModel",
                "RouteCompiler", // the dashboard's routes preview compiles a pasted routes.yaml
                "Translators",
                "OAuth",
                "UsageLog",
                "JSONEscaping",
                "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The `claude-router` subcommands (serve, route, login, code, statusline, …), linked by
        // each executable with its own compiled table.
        .target(
            name: "RouterCLI",
            dependencies: [
                "RouterRuntime",
                "RouteModel",
                "Translators",
                "OAuth",
                "UsageLog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "ClaudeRouterCLI",
            dependencies: ["RouterCLI", "GeneratedRoutes"]
        ),

        // The same router binary linked with the end-to-end test table (tests-e2e/routes.yaml),
        // whose providers are mock-provider processes on loopback.
        .target(name: "E2ERoutes", dependencies: ["RouteModel"], path: "tests-e2e/generated"),
        .executableTarget(
            name: "ClaudeRouterE2E",
            dependencies: ["RouterCLI", "RouterRuntime", "E2ERoutes"],
            path: "tests-e2e/Sources/ClaudeRouterE2E"
        ),

        // A scriptable Anthropic- and OpenAI-protocol upstream for integration tests and benchmarks.
        .executableTarget(
            name: "MockProvider",
            dependencies: [
                "JSONEscaping",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),

        // A fake OAuth 2.0 authorization server (all three flows, short-lived rotating tokens,
        // call counters) for the OAuth tests.
        .executableTarget(
            name: "FakeAuthServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // Writes usage records as fast as it can, for the usage log's crash and throughput tests.
        .executableTarget(
            name: "UsageStress",
            dependencies: [
                "UsageLog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "RouteModelTests", dependencies: ["RouteModel"]),
        .testTarget(name: "JSONEscapingTests", dependencies: ["JSONEscaping"]),
        // Starts the fake authorization server for the OAuth and router tests.
        .target(name: "FakeAuthServerLauncher", path: "Tests/Support/FakeAuthServerLauncher"),
        .testTarget(
            name: "OAuthTests",
            dependencies: [
                "OAuth", "RouteModel", "FakeAuthServerLauncher",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "UsageLogTests", dependencies: ["UsageLog"]),
        .testTarget(
            name: "RouteCompilerTests",
            dependencies: ["RouteCompiler", "RouteModel"],
            exclude: ["Golden"]
        ),
        .testTarget(name: "TranslatorsTests", dependencies: ["Translators", "RouteModel"]),
        .testTarget(
            name: "RouterRuntimeTests",
            dependencies: [
                "RouterRuntime", "RouteModel", "RouteCompiler", "Translators", "FakeAuthServerLauncher",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ]
)
