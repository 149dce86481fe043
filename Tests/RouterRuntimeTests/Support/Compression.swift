import CZlib

/// gzip and deflate (zlib format, or raw) encoders for request bodies in tests.
enum Compression {
    static func gzip(_ input: [UInt8]) -> [UInt8] { compress(input, windowBits: 16 + MAX_WBITS) }
    static func zlib(_ input: [UInt8]) -> [UInt8] { compress(input, windowBits: MAX_WBITS) }
    static func rawDeflate(_ input: [UInt8]) -> [UInt8] { compress(input, windowBits: -MAX_WBITS) }

    private static func compress(_ input: [UInt8], windowBits: Int32) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY,
                            zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 64)
        let produced: Int = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                guard deflate(&stream, Z_FINISH) == Z_STREAM_END else { return 0 }
                return target.count - Int(stream.avail_out)
            }
        }
        return Array(output[0..<produced])
    }
}
