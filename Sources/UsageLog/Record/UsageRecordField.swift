#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The keys of a schema v2 line (v1 lacks `cost_usd`), matched against raw key bytes without building strings.
enum UsageRecordField: CaseIterable {
    case version, timestamp, requestID, client, inbound, modelRequested, route, target, attempts
    case status, error, stream, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens
    case reasoningTokens, costUSD, ttft, duration, bytesOut

    var key: String {
        switch self {
        case .version: "v"
        case .timestamp: "ts"
        case .requestID: "request_id"
        case .client: "client"
        case .inbound: "inbound"
        case .modelRequested: "model_requested"
        case .route: "route"
        case .target: "target"
        case .attempts: "attempts"
        case .status: "status"
        case .error: "error"
        case .stream: "stream"
        case .inputTokens: "input_tokens"
        case .outputTokens: "output_tokens"
        case .cacheReadTokens: "cache_read_tokens"
        case .cacheWriteTokens: "cache_write_tokens"
        case .reasoningTokens: "reasoning_tokens"
        case .costUSD: "cost_usd"
        case .ttft: "ttft_ms"
        case .duration: "duration_ms"
        case .bytesOut: "bytes_out"
        }
    }

    private static let table: [(bytes: [UInt8], field: UsageRecordField)] = allCases.map { (Array($0.key.utf8), $0) }

    /// The field whose key equals `bytes`, nil for keys this version does not know. `hint` is
    /// the table position to try first; lines this version wrote have their keys in table
    /// order, so passing the position after the last match makes the lookup one comparison.
    static func match(_ bytes: UnsafeBufferPointer<UInt8>, hint: inout Int) -> UsageRecordField? {
        if hint < table.count, equal(table[hint].bytes, bytes) {
            defer { hint += 1 }
            return table[hint].field
        }
        for (position, entry) in table.enumerated() where equal(entry.bytes, bytes) {
            hint = position + 1
            return entry.field
        }
        return nil
    }

    private static func equal(_ key: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard key.count == bytes.count, let base = bytes.baseAddress else { return key.count == bytes.count }
        return key.withUnsafeBufferPointer { keyBytes in
            guard let keyBase = keyBytes.baseAddress else { return false }
            return memcmp(keyBase, base, key.count) == 0
        }
    }
}
