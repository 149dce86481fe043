import Foundation

/// The lines a person types or pastes on stdin, as an async sequence. A dedicated thread does
/// the blocking reads, so no concurrency-pool thread waits on the terminal; the stream ends at
/// end of input. The thread may stay blocked in `readLine` after nobody listens any more: it
/// holds nothing, and the command exits soon after.
enum StandardInputLines {
    static func stream() -> AsyncStream<String> {
        let (lines, sink) = AsyncStream<String>.makeStream()
        let reader = Thread {
            while let line = readLine(strippingNewline: true) {
                if case .terminated = sink.yield(line) { return }
            }
            sink.finish()
        }
        reader.name = "claude-router stdin"
        reader.start()
        return lines
    }
}
