import Logging
import Synchronization

/// Collects log lines (message plus rendered metadata) so tests can read what the router logs.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    var logger: Logger {
        Logger(label: "router-under-test") { _ in Handler(capture: self) }
    }

    /// A logger keeping every line at `level` and above (`.trace` for secrecy checks).
    func logger(level: Logger.Level) -> Logger {
        Logger(label: "router-under-test") { _ in Handler(capture: self, logLevel: level) }
    }

    fileprivate func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            capture.append("\(event.message) \(rendered)")
        }
    }
}
