import UsageLog

/// Records for tests, varied by a seeded generator so totals and percentiles mean something.
struct RecordFactory {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func random(below bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    static let models = ["claude-sonnet-4-5", "claude-haiku-4-5", "gpt-4o"]
    static let targets = ["glm/glm-4.6", "ds/deepseek-v4-pro", "kimi/kimi-k2.5"]
    static let clients = ["laptop", "ci"]
    static let routes: [String?] = ["smart", "fast", nil]

    mutating func record(index: Int, at timestamp: Int64) -> UsageRecord {
        let failed = random(below: 10) == 0
        let target = Self.targets[random(below: Self.targets.count)]
        return UsageRecord(
            timestampMilliseconds: timestamp,
            requestID: "req-\(index)",
            client: Self.clients[random(below: Self.clients.count)],
            inbound: random(below: 2) == 0 ? .anthropic : .openai,
            modelRequested: Self.models[random(below: Self.models.count)],
            route: Self.routes[random(below: Self.routes.count)],
            target: target,
            attempts: [.init(target: target, status: failed ? 502 : 200)],
            status: failed ? 502 : 200,
            error: failed ? "upstream_unreachable" : nil,
            stream: random(below: 2) == 0,
            inputTokens: failed ? nil : random(below: 5000),
            outputTokens: failed ? nil : random(below: 900),
            cacheReadTokens: failed ? nil : random(below: 3000),
            cacheWriteTokens: failed ? nil : random(below: 400),
            reasoningTokens: random(below: 3) == 0 ? random(below: 700) : nil,
            ttftMilliseconds: failed ? nil : random(below: 2000),
            durationMilliseconds: random(below: 1 << random(below: 17)),
            bytesOut: random(below: 50_000)
        )
    }
}

extension UsageWriter {
    /// Runs the writer around `body`, then drains and finishes it.
    func running(_ body: () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.run() }
            try await body()
            await drain()
            finish()
            try await group.waitForAll()
        }
    }
}
