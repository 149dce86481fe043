import AsyncHTTPClient
import NIOCore

/// Reads an upstream response body chunk by chunk, failing when the upstream stays silent for
/// longer than the idle timeout. The timeout is the router's own: AsyncHTTPClient's read
/// timeout would also count time that backpressure from a slow client holds reads back.
struct UpstreamBodyReader: Sendable {
    enum ReadError: Error, Sendable {
        /// Nothing arrived within the idle timeout.
        case idle
        /// The connection failed or closed mid-body.
        case broken(String)
    }

    /// Holds the body iterator while reads hop between tasks.
    ///
    /// `@unchecked` because the iterator is not `Sendable`: it is only ever used by one task at
    /// a time, since ``next()`` awaits the task group of each read before another can start.
    private final class IteratorBox: @unchecked Sendable {
        var iterator: HTTPClientResponse.Body.AsyncIterator?

        init(_ iterator: HTTPClientResponse.Body.AsyncIterator) {
            self.iterator = iterator
        }
    }

    private let box: IteratorBox
    let idleTimeout: Duration

    init(body: HTTPClientResponse.Body, idleTimeout: Duration) {
        self.box = IteratorBox(body.makeAsyncIterator())
        self.idleTimeout = idleTimeout
    }

    /// The next chunk, nil at the end of the body.
    func next() async throws(ReadError) -> ByteBuffer? {
        guard box.iterator != nil else { return nil }
        let outcome: Race
        do {
            outcome = try await withThrowingTaskGroup(of: Race.self) { [box, idleTimeout] group in
                group.addTask {
                    let chunk = try await box.iterator?.next()
                    return .chunk(chunk)
                }
                group.addTask {
                    try await Task.sleep(for: idleTimeout)
                    return .idle
                }
                defer { group.cancelAll() }
                // Both children only return; `nil` cannot happen with two children added.
                return try await group.next() ?? .idle
            }
        } catch {
            box.iterator = nil
            throw .broken(Self.describe(error))
        }
        switch outcome {
        case .chunk(let chunk):
            if chunk == nil { box.iterator = nil }
            return chunk
        case .idle:
            // Cancelling the read above ended the body stream, which cancels the upstream request.
            box.iterator = nil
            throw .idle
        }
    }

    /// Drops the body: the upstream request is cancelled if it was still running.
    func cancel() {
        box.iterator = nil
    }

    /// Reads everything up to `limit` bytes (for non-streaming bodies and error bodies).
    func collect(upTo limit: Int) async throws(ReadError) -> ByteBuffer {
        var all = ByteBuffer()
        while var chunk = try await next() {
            guard all.readableBytes + chunk.readableBytes <= limit else {
                cancel()
                throw .broken("response body larger than \(limit) bytes")
            }
            all.writeBuffer(&chunk)
        }
        return all
    }

    private enum Race: Sendable {
        case chunk(ByteBuffer?)
        case idle
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return "\(error)" }
        return String(describing: error)
    }
}
