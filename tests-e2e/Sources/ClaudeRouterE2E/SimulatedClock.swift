import Foundation
import RouterRuntime

/// The e2e router's calendar time: the system clock plus an offset in milliseconds read from
/// the file named by `CLAUDE_ROUTER_E2E_CLOCK_FILE` at every reading, so a test rolls a budget's
/// UTC day by writing a new offset. Only this test binary honours the variable; `claude-router`
/// always runs on the system clock.
enum SimulatedClock {
    static let variable = "CLAUDE_ROUTER_E2E_CLOCK_FILE"

    static func fromEnvironment() -> WallClock {
        guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty else { return .system }
        return WallClock {
            let text = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            let offset = text.flatMap { Int64($0) } ?? 0
            return WallClock.system.nowMilliseconds() + offset
        }
    }
}
