import RouteModel

extension UsageRecord {
    /// The record as one JSON line (schema v2), newline included.
    public var jsonLine: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(384)
        appendJSONLine(to: &bytes)
        return bytes
    }

    /// Appends the record as one JSON line (schema v2) and its newline. Keys come in a fixed
    /// order and absent values are written as `null`, so every line has the same shape.
    public func appendJSONLine(to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        JSONBytes.appendKey("v", first: true, to: &out)
        JSONBytes.appendInt(Self.schemaVersion, to: &out)
        JSONBytes.appendKey("ts", to: &out)
        out.append(UInt8(ascii: "\""))
        UTCTime(epochMilliseconds: timestampMilliseconds).appendISO8601(to: &out)
        out.append(UInt8(ascii: "\""))
        JSONBytes.appendKey("request_id", to: &out)
        JSONBytes.appendString(requestID, to: &out)
        JSONBytes.appendKey("client", to: &out)
        JSONBytes.appendString(client, to: &out)
        JSONBytes.appendKey("inbound", to: &out)
        JSONBytes.appendString(inbound.rawValue, to: &out)
        JSONBytes.appendKey("model_requested", to: &out)
        JSONBytes.appendString(modelRequested, to: &out)
        JSONBytes.appendKey("route", to: &out)
        JSONBytes.appendOptionalString(route, to: &out)
        JSONBytes.appendKey("target", to: &out)
        JSONBytes.appendOptionalString(target, to: &out)
        JSONBytes.appendKey("attempts", to: &out)
        out.append(UInt8(ascii: "["))
        for (index, attempt) in attempts.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "{"))
            JSONBytes.appendKey("target", first: true, to: &out)
            JSONBytes.appendString(attempt.target, to: &out)
            JSONBytes.appendKey("status", to: &out)
            JSONBytes.appendInt(attempt.status, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        JSONBytes.appendKey("status", to: &out)
        JSONBytes.appendInt(status, to: &out)
        JSONBytes.appendKey("error", to: &out)
        JSONBytes.appendOptionalString(error, to: &out)
        JSONBytes.appendKey("stream", to: &out)
        JSONBytes.appendBool(stream, to: &out)
        JSONBytes.appendKey("input_tokens", to: &out)
        JSONBytes.appendOptionalInt(inputTokens, to: &out)
        JSONBytes.appendKey("output_tokens", to: &out)
        JSONBytes.appendOptionalInt(outputTokens, to: &out)
        JSONBytes.appendKey("cache_read_tokens", to: &out)
        JSONBytes.appendOptionalInt(cacheReadTokens, to: &out)
        JSONBytes.appendKey("cache_write_tokens", to: &out)
        JSONBytes.appendOptionalInt(cacheWriteTokens, to: &out)
        JSONBytes.appendKey("reasoning_tokens", to: &out)
        JSONBytes.appendOptionalInt(reasoningTokens, to: &out)
        JSONBytes.appendKey("cost_usd", to: &out)
        if let costUSD { costUSD.appendDecimal(to: &out) } else { JSONBytes.appendNull(to: &out) }
        JSONBytes.appendKey("ttft_ms", to: &out)
        JSONBytes.appendOptionalInt(ttftMilliseconds, to: &out)
        JSONBytes.appendKey("duration_ms", to: &out)
        JSONBytes.appendInt(durationMilliseconds, to: &out)
        JSONBytes.appendKey("bytes_out", to: &out)
        JSONBytes.appendInt(bytesOut, to: &out)
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "\n"))
    }
}
