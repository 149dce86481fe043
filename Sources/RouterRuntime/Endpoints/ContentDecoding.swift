import CZlib

/// A request body's `Content-Encoding`: identity, gzip or deflate. Anything else is refused
/// (415) before the body is read.
///
/// Decoding inflates at most `limit` bytes: `limits.max_body` applies to the decompressed body,
/// so a small compressed body that would inflate past it (a decompression bomb) stops there
/// with a 413 instead of filling memory.
enum ContentDecoding: Sendable {
    case identity
    case gzip
    case deflate

    static let supported = ["gzip", "deflate", "identity"]

    /// The encoding named by the request's `Content-Encoding` values.
    init(headerValues: [String]) throws(RouterError) {
        let codings = headerValues.flatMap { $0.split(separator: ",") }
            .map { String($0).trimmingSpaces().lowercased() }
            .filter { !$0.isEmpty && $0 != "identity" }
        guard let coding = codings.first else { self = .identity; return }
        guard codings.count == 1 else { throw .unsupportedContentEncoding(codings.joined(separator: ", ")) }
        switch coding {
        case "gzip", "x-gzip": self = .gzip
        case "deflate": self = .deflate
        default: throw .unsupportedContentEncoding(coding)
        }
    }

    /// The decoded body; throws 413 as soon as the output passes `limit`.
    func decode(_ body: [UInt8], limit: Int) throws(RouterError) -> [UInt8] {
        switch self {
        case .identity: return body
        case .gzip: return try Self.inflate(body, windowBits: 16 + MAX_WBITS, name: "gzip", limit: limit)
        case .deflate:
            // HTTP's "deflate" is the zlib format (RFC 9110 §8.4.1.2), but some clients send raw
            // deflate; a zlib header is recognisable by its checksum.
            let zlibHeader = body.count >= 2 && body[0] & 0x0F == 8 && (Int(body[0]) << 8 | Int(body[1])) % 31 == 0
            return try Self.inflate(body, windowBits: zlibHeader ? MAX_WBITS : -MAX_WBITS, name: "deflate", limit: limit)
        }
    }

    private static func inflate(_ input: [UInt8], windowBits: Int32, name: String, limit: Int) throws(RouterError) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .internalFailure("zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(4096, input.count * 4)))
        let chunkSize = 64 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        let outcome: Result<Void, RouterError> = input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = uInt(source.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(chunkSize)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (status, chunkSize - Int(stream.avail_out))
                }
                guard output.count + produced <= limit else { return .failure(.bodyTooLarge(limit: limit)) }
                output.append(contentsOf: chunk[0..<produced])
                switch status {
                case Z_STREAM_END:
                    // Concatenated gzip members are one body (RFC 1952 §2.2).
                    guard stream.avail_in > 0, windowBits > MAX_WBITS else { return .success(()) }
                    guard inflateReset(&stream) == Z_OK else { return .failure(.undecodableBody(encoding: name, detail: "reset failed")) }
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    return .failure(.undecodableBody(encoding: name, detail: "the compressed data ends early"))
                default:
                    let detail = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    return .failure(.undecodableBody(encoding: name, detail: detail))
                }
            }
        }
        try outcome.get()
        return output
    }
}
