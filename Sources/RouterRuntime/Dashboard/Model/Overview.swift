import UsageLog

/// What the Overview page and `GET /v1/admin/overview` show for a range: totals, one bucket per
/// hour or day for the charts, and the busiest models, targets and clients. Every number comes
/// from the usage aggregate, the same one `GET /v1/usage` reads.
struct Overview: Sendable {
    let range: OverviewRange
    /// Buckets in time order, empty ones included, with their counters.
    let series: UsageReport
    let models: UsageReport
    let targets: UsageReport
    let clients: UsageReport
    /// How many rows the top tables show.
    static let topCount = 8

    var totals: UsageCounters { series.totals }

    static func build(aggregate: UsageAggregate, range: OverviewRange) -> Overview {
        let reports = aggregate.reports(range.query, groupings: [range.bucket, .model, .target, .client])
        var series = reports[0]
        series.groups = filled(series, bucket: range.bucket)
        return Overview(range: range, series: series, models: reports[1], targets: reports[2], clients: reports[3])
    }

    /// Every bucket of the window, in order, zero where nothing happened.
    private static func filled(_ report: UsageReport, bucket: UsageGrouping) -> [UsageReport.Group] {
        let step = bucket == .hour ? UTCTime.millisecondsPerHour : UTCTime.millisecondsPerDay
        let known = Dictionary(report.groups.map { ($0.key, $0.counters) }, uniquingKeysWith: { first, _ in first })
        var out: [UsageReport.Group] = []
        var moment = report.from - ((report.from % step) + step) % step
        while moment < report.to {
            let time = UTCTime(epochMilliseconds: moment)
            let key = bucket == .hour ? time.hourString : time.dayString
            out.append(UsageReport.Group(key: key, counters: known[key] ?? UsageCounters()))
            moment += step
        }
        return out
    }

    /// `{"range":"24h","series":{usage report by hour or day},"models":{…},"targets":{…},"clients":{…}}`,
    /// each report in the `GET /v1/usage` shape.
    var json: String {
        "{\"range\":" + JSONText.quote(range.name)
            + ",\"bucket\":" + JSONText.quote(range.bucket.rawValue)
            + ",\"series\":" + String(decoding: series.jsonBytes, as: UTF8.self)
            + ",\"models\":" + String(decoding: models.jsonBytes, as: UTF8.self)
            + ",\"targets\":" + String(decoding: targets.jsonBytes, as: UTF8.self)
            + ",\"clients\":" + String(decoding: clients.jsonBytes, as: UTF8.self) + "}"
    }
}
