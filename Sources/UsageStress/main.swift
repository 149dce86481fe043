import ArgumentParser
import Foundation
import Synchronization
import UsageLog

/// Drives the real usage writer for the crash test and the benchmarks.
///
/// `usage-stress write --dir D [--count N] [--rate R]` writes synthetic records through
/// ``UsageWriter`` and prints, flushed, one line per `--print-every` acknowledged records:
/// `acked=<accepted> written=<fsynced> groups=<n> largest_group=<n> dropped=<n>`.
/// `usage-stress query --dir D --group-by model` loads the aggregate and times queries.
@main
struct UsageStress: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage-stress",
        abstract: "Writes usage records as fast as it can (or at a rate) and times usage queries.",
        subcommands: [WriteCommand.self, QueryCommand.self, CodecCommand.self],
        defaultSubcommand: WriteCommand.self
    )
}

/// Writes records through the real writer.
struct WriteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "write")

    @Option(help: "The usage directory to write into.") var dir: String
    @Option(help: "Records to write; 0 writes until killed.") var count = 0
    @Option(help: "Records per second; 0 is as fast as the writer takes them.") var rate = 0.0
    @Option(help: "Print a progress line every N acknowledged records.") var printEvery = 1000
    @Option(help: "Concurrent producer tasks.") var producers = 1
    @Option(help: "Spread timestamps evenly over this many days ending now (needs --count); 0 stamps records now.")
    var days = 0
    @Option(help: "Writer queue capacity.") var queueCapacity = 65_536
    @Option(help: "Seed of the synthetic records.") var seed: UInt64 = 1
    @Option(help: "SIGKILL this process right after the Nth acknowledged record (crash test); 0 never.")
    var killAfter = 0

    func validate() throws {
        if days > 0 && count == 0 { throw ValidationError("--days needs --count") }
        if producers < 1 { throw ValidationError("--producers must be at least 1") }
    }

    func run() async throws {
        let writer = UsageWriter(directory: dir, configuration: .init(queueCapacity: queueCapacity))
        let acked = AckCounter()
        let started = ContinuousClock.now
        let spanStart = UTCTime.nowMilliseconds() - Int64(days) * UTCTime.millisecondsPerDay
        let plan = self
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await writer.run() }
            await withTaskGroup(of: Void.self) { producersGroup in
                for producer in 0..<producers {
                    producersGroup.addTask {
                        var generator = SyntheticRecords(seed: plan.seed &+ UInt64(producer))
                        // Producers take interleaved indices, so request ids stay unique.
                        var index = producer
                        var step = 0
                        while plan.count == 0 || index < plan.count {
                            await plan.pace(step: step, started: started, writer: writer)
                            var record = generator.next(index: index)
                            if plan.days > 0 {
                                let span = Int64(plan.days) * UTCTime.millisecondsPerDay
                                record.timestampMilliseconds = spanStart + span * Int64(index) / Int64(max(plan.count, 1))
                            }
                            if writer.record(record) == .queued {
                                let total = acked.value.add(1, ordering: .relaxed).newValue
                                if total % plan.printEvery == 0 || total == plan.killAfter {
                                    Progress.print(acked: total, writer.statistics)
                                }
                                if total == plan.killAfter { kill(getpid(), SIGKILL) }
                            }
                            index += plan.producers
                            step += 1
                        }
                    }
                }
            }
            await writer.drain()
            writer.finish()
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let statistics = writer.statistics
        Progress.print(acked: acked.value.load(ordering: .relaxed), statistics)
        Progress.emit(
            "done records=\(statistics.written) seconds=\(Progress.fixed(seconds)) "
                + "records_per_second=\(Int(Double(statistics.written) / max(seconds, 1e-9))) groups=\(statistics.groups) "
                + "largest_group=\(statistics.largestGroup) dropped=\(statistics.dropped)\n"
        )
    }

    /// Holds a producer back: to `--rate` when given, else only while the queue is half full,
    /// so a flat-out run measures what the disk sustains instead of counting drops.
    private func pace(step: Int, started: ContinuousClock.Instant, writer: UsageWriter) async {
        if rate > 0 {
            let due = started + .nanoseconds(Int64(Double(step) * Double(producers) / rate * 1e9))
            if due > ContinuousClock.now + .milliseconds(1) { try? await Task.sleep(until: due, clock: .continuous) }
        } else if step % 256 == 0 {
            while writer.statistics.queueDepth > queueCapacity / 2 {
                try? await Task.sleep(for: .microseconds(200))
            }
        }
    }
}

/// Loads a log directory into the aggregate and times queries over it.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "query")

    @Option(help: "The usage directory to read.") var dir: String
    @Option(help: "day, hour, model, target, client or route.") var groupBy = "day"
    @Option(help: "Window start (ISO-8601 date or date-time); default: the whole log.") var from: String?
    @Option(help: "Window end (ISO-8601 date or date-time); default: now.") var to: String?
    @Option(help: "Times to run the query.") var repeats = 20
    @Flag(help: "Print the report as a table.") var table = false

    func run() throws {
        let loadStart = ContinuousClock.now
        let (aggregate, loaded) = try UsageAggregate.load(directory: dir)
        let loadTime = ContinuousClock.now - loadStart
        let query = try UsageQuery.parse(from: from ?? "1970-01-01", to: to, groupBy: groupBy)
        var timings: [Duration] = []
        var bytes = 0
        var report: UsageReport?
        for _ in 0..<max(1, repeats) {
            let start = ContinuousClock.now
            let result = aggregate.report(query)
            bytes = result.jsonBytes.count
            timings.append(ContinuousClock.now - start)
            report = result
        }
        timings.sort()
        func ms(_ duration: Duration) -> Double {
            Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        }
        if table, let report { Progress.emit(report.table) }
        Progress.emit(
            "load files=\(loaded.files) records=\(loaded.records) bad_lines=\(loaded.badLines) seconds=\(Progress.fixed(ms(loadTime) / 1000))\n"
                + "query group_by=\(groupBy) groups=\(report?.groups.count ?? 0) requests=\(report?.totals.requests ?? 0) "
                + "json_bytes=\(bytes) best_ms=\(Progress.fixed(ms(timings[0]))) median_ms=\(Progress.fixed(ms(timings[timings.count / 2])))\n"
        )
    }
}

/// Times one usage line's encoding and parsing, hand-written against Foundation's
/// `JSONSerialization` on the same content.
struct CodecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "codec")

    @Option(help: "Records per measurement.") var count = 100_000

    func run() throws {
        var generator = SyntheticRecords(seed: 9)
        let records = (0..<count).map { generator.next(index: $0) }
        var bytes: [UInt8] = []
        let encode = Progress.measure(count) {
            for record in records {
                bytes.removeAll(keepingCapacity: true)
                record.appendJSONLine(to: &bytes)
            }
        }
        let lines = records.map(\.jsonLine)
        var parsed = 0
        let parse = Progress.measure(count) {
            for line in lines where (try? UsageRecord(jsonLine: line)) != nil { parsed += 1 }
        }
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0)) }
        let foundationEncode = Progress.measure(count) {
            for object in objects { _ = try? JSONSerialization.data(withJSONObject: object) }
        }
        let foundationParse = Progress.measure(count) {
            for line in lines { _ = try? JSONSerialization.jsonObject(with: Data(line)) }
        }
        let averageBytes = lines.map(\.count).reduce(0, +) / max(lines.count, 1)
        Progress.emit(
            "codec records=\(count) parsed=\(parsed) line_bytes=\(averageBytes) encode_ns=\(encode) parse_ns=\(parse) "
                + "jsonserialization_encode_ns=\(foundationEncode) jsonserialization_parse_ns=\(foundationParse)\n"
        )
    }
}

/// Records the writer accepted, shared by the producer tasks.
final class AckCounter: Sendable {
    let value = Atomic<Int>(0)
}

/// Unbuffered output, so a process killed mid-run leaves every completed line readable.
enum Progress {
    static func print(acked: Int, _ statistics: UsageWriterStatistics) {
        emit("acked=\(acked) written=\(statistics.written) groups=\(statistics.groups) largest_group=\(statistics.largestGroup) dropped=\(statistics.dropped)\n")
    }

    /// Nanoseconds per item of `body`, which handles `items` items.
    static func measure(_ items: Int, _ body: () -> Void) -> Int {
        let start = ContinuousClock.now
        body()
        let elapsed = ContinuousClock.now - start
        let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        return Int(nanoseconds / Double(max(items, 1)))
    }

    /// Three decimals.
    static func fixed(_ value: Double) -> String {
        String(format: "%.3f", value)
    }

    static func emit(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Plausible records from a seeded generator: a handful of models, targets, clients and
/// routes, token counts and latencies with long tails, a few percent of failures.
struct SyntheticRecords {
    private var state: UInt64
    private static let models = ["claude-sonnet-4-5", "claude-haiku-4-5", "gpt-4o", "smart", "fast", "glm/glm-4.6"]
    private static let targets = ["glm/glm-4.6", "glm/glm-4.5-air", "ds/deepseek-v4-pro", "kimi/kimi-k2.5", "local/qwen3-coder:30b"]
    private static let clients = ["laptop", "ci", "desktop", "-"]
    private static let routes = ["smart", "fast", "long"]
    private static let errors = ["upstream_timeout", "rate_limited", "upstream_unavailable"]

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 }

    private mutating func nextRandom() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int { Int(nextRandom() % UInt64(bound)) }

    /// A value with a long tail: `base` scaled by up to 2^`spread`.
    private mutating func tailed(_ base: Int, spread: Int) -> Int {
        base + below(base) << below(spread + 1)
    }

    mutating func next(index: Int) -> UsageRecord {
        let failed = below(100) < 3
        let stream = below(2) == 0
        let target = Self.targets[below(Self.targets.count)]
        return UsageRecord(
            timestampMilliseconds: UTCTime.nowMilliseconds(),
            requestID: "req_\(String(index, radix: 16))_\(String(nextRandom() & 0xFFFF_FFFF, radix: 16))",
            client: Self.clients[below(Self.clients.count)],
            inbound: below(2) == 0 ? .anthropic : .openai,
            modelRequested: Self.models[below(Self.models.count)],
            route: below(4) == 0 ? nil : Self.routes[below(Self.routes.count)],
            target: target,
            attempts: failed ? [.init(target: target, status: 504)] : [.init(target: target, status: 200)],
            status: failed ? 504 : 200,
            error: failed ? Self.errors[below(Self.errors.count)] : nil,
            stream: stream,
            inputTokens: failed ? nil : tailed(800, spread: 6),
            outputTokens: failed ? nil : tailed(120, spread: 5),
            cacheReadTokens: failed ? nil : below(3) == 0 ? tailed(2000, spread: 4) : 0,
            cacheWriteTokens: failed ? nil : below(5) == 0 ? tailed(500, spread: 3) : 0,
            reasoningTokens: below(4) == 0 ? tailed(200, spread: 4) : nil,
            ttftMilliseconds: failed || !stream ? nil : tailed(150, spread: 5),
            durationMilliseconds: tailed(400, spread: 6),
            bytesOut: failed ? 180 : tailed(2000, spread: 5)
        )
    }
}
