import Synchronization

/// The in-memory view behind `GET /v1/usage`: counters per UTC hour, split by model, target,
/// client and route, built from the files at start and kept current by the
/// writer after each durable group. A query touches only the hours of its window, so months of
/// logs answer in milliseconds.
///
/// Each client also has hours of its own, so that a client's usage can be grouped by model,
/// target or route (a non-admin client's `/v1/usage` covers its own requests only).
public final class UsageAggregate: Sendable {
    private let hours: Mutex<Hours>

    /// Every record by hour, and each client's records by hour.
    private struct Hours {
        var all: [Int64: HourBucket] = [:]
        var byClient: [String: [Int64: HourBucket]] = [:]

        mutating func add(_ record: UsageRecord) {
            all[record.epochHour, default: HourBucket()].add(record)
            byClient[record.client, default: [:]][record.epochHour, default: HourBucket()].add(record)
        }
    }

    public init() {
        hours = Mutex(Hours())
    }

    /// Builds the aggregate of every record in `directory` (read-only; see ``UsageLogReader``),
    /// or only of the files a query's window needs when `covering` is given (the CLI).
    public static func load(
        directory: String, covering query: UsageQuery? = nil
    ) throws(UsageLogError) -> (aggregate: UsageAggregate, report: UsageLogReader.Report) {
        var built = Hours()
        let days = query.map { query in
            UTCTime.floorDivide(query.from, UTCTime.millisecondsPerDay)...UTCTime.floorDivide(query.to, UTCTime.millisecondsPerDay)
        }
        let report = try UsageLogReader.forEachRecord(in: directory, days: days) { record in
            built.add(record)
        }
        let aggregate = UsageAggregate()
        aggregate.hours.withLock { $0 = built }
        return (aggregate, report)
    }

    public func add(_ record: UsageRecord) {
        add(contentsOf: CollectionOfOne(record))
    }

    /// Adds records under one lock (the writer calls this once per group).
    public func add<Records: Sequence>(contentsOf records: Records) where Records.Element == UsageRecord {
        hours.withLock { hours in
            for record in records {
                hours.add(record)
            }
        }
    }

    /// Answers a query, over every client's records or only `client`'s. The window is widened
    /// to whole UTC hours, as the report says.
    public func report(_ query: UsageQuery, client: String? = nil) -> UsageReport {
        reports(query, groupings: [query.groupBy], client: client)[0]
    }

    /// One report per grouping of the same window, from one pass over its hours (the dashboard's
    /// Overview asks for four); `query.groupBy` is not used.
    public func reports(_ query: UsageQuery, groupings: [UsageGrouping], client: String? = nil) -> [UsageReport] {
        let firstHour = UTCTime.floorDivide(query.from, UTCTime.millisecondsPerHour)
        let endHour = -UTCTime.floorDivide(-query.to, UTCTime.millisecondsPerHour)
        var groups = [[String: UsageCounters]](repeating: [:], count: groupings.count)
        var totals = UsageCounters()
        hours.withLock { hours in
            let scope = client.map { hours.byClient[$0] ?? [:] } ?? hours.all
            for (hour, bucket) in scope where hour >= firstHour && hour < endHour {
                totals.merge(bucket.total)
                for (index, grouping) in groupings.enumerated() {
                    switch grouping {
                    case .day, .hour:
                        groups[index][grouping.key(hour: hour), default: UsageCounters()].merge(bucket.total)
                    case .model, .target, .client, .route:
                        for (key, counters) in bucket.split(grouping) {
                            groups[index][key, default: UsageCounters()].merge(counters)
                        }
                    }
                }
            }
        }
        return groupings.enumerated().map { index, grouping in
            UsageReport(
                from: firstHour * UTCTime.millisecondsPerHour, to: endHour * UTCTime.millisecondsPerHour,
                groupBy: grouping, totals: totals,
                groups: grouping.order(groups[index].map { UsageReport.Group(key: $0.key, counters: $0.value) })
            )
        }
    }
}
