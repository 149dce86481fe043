import ArgumentParser
import RouterRuntime
import UsageLog

/// `claude-router usage`: the totals of `GET /v1/usage` as a terminal table, read straight from
/// `<data-dir>/usage/` (read-only, so it is safe while the server runs).
struct UsageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Print requests, errors, tokens and latency from the usage log."
    )

    @OptionGroup var data: DataDirOption

    @Option(help: "Window start: an ISO-8601 date (2026-12-01) or date-time (default: six days before --to's day).")
    var from: String?

    @Option(help: "Window end: a date (that day included) or a date-time (excluded) (default: now).")
    var to: String?

    @Option(name: .customLong("group-by"), help: "day, hour, model, target, client or route.")
    var groupBy = "day"

    @Flag(help: "Print the JSON body GET /v1/usage would answer instead of a table.")
    var json = false

    func run() async throws {
        let query: UsageQuery
        do {
            query = try UsageQuery.parse(from: from, to: to, groupBy: groupBy)
        } catch {
            throw ValidationError(error.description)
        }
        let directory = UsageLog.directory(inDataDirectory: data.resolved)
        let (aggregate, loaded) = try UsageAggregate.load(directory: directory, covering: query)
        let report = aggregate.report(query)
        print(json ? String(decoding: report.jsonBytes, as: UTF8.self) : report.table, terminator: json ? "\n" : "")
        if loaded.badLines > 0 {
            print("note: \(loaded.badLines) unreadable lines in \(directory) were skipped")
        }
    }
}
