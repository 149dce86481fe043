/// One upstream attempt as `x-router-attempts` and the request log show it.
struct AttemptRecord: Sendable, Equatable {
    /// `provider/model`.
    let target: String
    /// The upstream's HTTP status, or the status the router assigned to a failure it saw
    /// itself (502 unreachable, 504 timeout, 503 no credentials, 501 no translator).
    let status: Int

    /// `target:status`, comma-joined, in order: `glm/glm-4.6:429,ds/deepseek-v4-pro:200`.
    static func header(_ records: [AttemptRecord]) -> String {
        records.isEmpty ? "-" : records.map { "\($0.target):\($0.status)" }.joined(separator: ",")
    }
}
