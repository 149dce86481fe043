import ServiceLifecycle
import UsageLog

/// Runs the usage writer for the server's lifetime; on graceful shutdown (after the server
/// drained, so the last requests' records are queued) it writes and fsyncs what is queued.
struct UsageWriterService: Service {
    let writer: UsageWriter

    func run() async throws {
        await withGracefulShutdownHandler {
            await writer.run()
        } onGracefulShutdown: {
            writer.finish()
        }
    }
}
