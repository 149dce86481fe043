import Foundation
import UsageLog

/// The calendar time of the router: usage lines' `ts`, cost at peak hours and budget windows
/// read it. Injected so that tests can roll a UTC day or month without waiting (the e2e router
/// binary offers a simulated clock; see tests-e2e/Sources/ClaudeRouterE2E).
public struct WallClock: Sendable {
    /// Milliseconds since the Unix epoch, UTC.
    public let nowMilliseconds: @Sendable () -> Int64

    public init(nowMilliseconds: @escaping @Sendable () -> Int64) {
        self.nowMilliseconds = nowMilliseconds
    }

    /// The system clock.
    public static let system = WallClock { UTCTime.nowMilliseconds() }

    /// Now as a `Date`.
    public func now() -> Date {
        Date(timeIntervalSince1970: Double(nowMilliseconds()) / 1000)
    }
}
