import UsageLog

/// One finished request as the Requests page shows it: routing, attempts, tokens and timings,
/// never a body or a key. Made from the usage record plus the fired rule, which the usage log
/// does not keep.
struct RequestSummary: Sendable, Equatable {
    let record: UsageRecord
    /// The fired rules (`smart.rules[0] keyword=ultrathink`), nil when none fired.
    let rule: String?
    let endpoint: String

    var requestID: String { record.requestID }
}
