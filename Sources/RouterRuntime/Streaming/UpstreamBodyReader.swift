import AsyncHTTPClient
import NIOCore

/// Reads an upstream response body chunk by chunk.
///
/// The idle timeout (silence between chunks) is AsyncHTTPClient's read timeout
/// (``UpstreamHTTPClient``): a NIO timer on the upstream connection's event loop, reset by each
/// read and cancelled with the request, so a read costs no task and no timer of its own and
/// nothing outlives the request. (Racing each read against `Task.sleep` kept two cancelled
/// sleeps per request alive until their deadlines: see SWIFT-NOTES.)
struct UpstreamBodyReader: Sendable {
    enum ReadError: Error, Sendable {
        /// Nothing arrived within the idle timeout.
        case idle
        /// The connection failed or closed mid-body.
        case broken(String)
    }

    /// Holds the body iterator, which the reads of one request share.
    ///
    /// `@unchecked` because the iterator is not `Sendable`: the request's reads are sequential
    /// (the attempt reads the opening, then the relay the rest), never concurrent.
    private final class IteratorBox: @unchecked Sendable {
        var iterator: HTTPClientResponse.Body.AsyncIterator?

        init(_ iterator: HTTPClientResponse.Body.AsyncIterator) {
            self.iterator = iterator
        }
    }

    private let box: IteratorBox

    init(body: HTTPClientResponse.Body) {
        self.box = IteratorBox(body.makeAsyncIterator())
    }

    /// The next chunk, nil at the end of the body.
    func next() async throws(ReadError) -> ByteBuffer? {
        guard box.iterator != nil else { return nil }
        do {
            let chunk = try await box.iterator?.next()
            if chunk == nil { box.iterator = nil }
            return chunk
        } catch {
            // Dropping the iterator ends the body stream, which cancels the upstream request.
            box.iterator = nil
            if let error = error as? HTTPClientError, error == .readTimeout { throw .idle }
            throw .broken(Self.describe(error))
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
            if all.readableBytes == 0 {
                // Most bodies arrive in one chunk: keep it instead of copying it.
                all = chunk
            } else {
                all.writeBuffer(&chunk)
            }
        }
        return all
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return "\(error)" }
        return String(describing: error)
    }
}
