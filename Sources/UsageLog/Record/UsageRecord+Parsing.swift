import RouteModel

extension UsageRecord {
    /// Reads one line written by ``appendJSONLine(to:)`` (without or with its newline). Unknown
    /// fields are skipped so a newer minor writer stays readable; required fields must be there.
    public init(jsonLine bytes: UnsafeBufferPointer<UInt8>) throws(UsageLineError) {
        var scanner = JSONScanner(bytes)
        var fields = ParsedFields()
        var hint = 0
        try scanner.expect(UInt8(ascii: "{"))
        if !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                let field: UsageRecordField?
                if let range = try scanner.plainStringRange() {
                    field = UsageRecordField.match(UnsafeBufferPointer(rebasing: bytes[range]), hint: &hint)
                } else {
                    let key = try scanner.string()
                    field = UsageRecordField.allCases.first { $0.key == key }
                }
                try scanner.expect(UInt8(ascii: ":"))
                if let field {
                    try fields.read(field, from: &scanner)
                } else {
                    try scanner.skipValue()
                }
            } while scanner.consume(UInt8(ascii: ","))
            try scanner.expect(UInt8(ascii: "}"))
        }
        guard scanner.atEnd() else { throw scanner.malformed }
        self = try fields.record()
    }

    /// Reads one line from a byte array.
    public init(jsonLine bytes: [UInt8]) throws(UsageLineError) {
        let result: Result<UsageRecord, UsageLineError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(UsageLineError) in try UsageRecord(jsonLine: buffer) }
        }
        self = try result.get()
    }
}

/// Field values as they are read, before the required ones are checked.
private struct ParsedFields {
    var version: Int?
    var timestamp: Int64?
    var requestID: String?
    var client: String?
    var inbound: UsageRecord.Inbound?
    var modelRequested: String?
    var route: String?
    var target: String?
    var attempts: [UsageRecord.Attempt] = []
    var status: Int?
    var error: String?
    var stream = false
    var inputTokens: Int?
    var outputTokens: Int?
    var cacheReadTokens: Int?
    var cacheWriteTokens: Int?
    var reasoningTokens: Int?
    var costUSD: USDAmount?
    var ttft: Int?
    var duration: Int?
    var bytesOut = 0

    mutating func read(_ field: UsageRecordField, from scanner: inout JSONScanner) throws(UsageLineError) {
        switch field {
        case .version: version = try scanner.integer()
        case .timestamp:
            guard let range = try scanner.plainStringRange(),
                  case .dateTime(let milliseconds)? = ISO8601Moment.parse(utf8: UnsafeBufferPointer(rebasing: scanner.bytes[range]))
            else { throw .invalidValue("ts") }
            timestamp = milliseconds
        case .requestID: requestID = try scanner.string()
        case .client: client = try scanner.string()
        case .inbound:
            let text = try scanner.string()
            guard let value = UsageRecord.Inbound(rawValue: text) else { throw .invalidValue("inbound") }
            inbound = value
        case .modelRequested: modelRequested = try scanner.string()
        case .route: route = try optionalString(&scanner)
        case .target: target = try optionalString(&scanner)
        case .attempts: attempts = try readAttempts(&scanner)
        case .status: status = try scanner.integer()
        case .error: error = try optionalString(&scanner)
        case .stream: stream = try scanner.boolean()
        case .inputTokens: inputTokens = try optionalInt(&scanner)
        case .outputTokens: outputTokens = try optionalInt(&scanner)
        case .cacheReadTokens: cacheReadTokens = try optionalInt(&scanner)
        case .cacheWriteTokens: cacheWriteTokens = try optionalInt(&scanner)
        case .reasoningTokens: reasoningTokens = try optionalInt(&scanner)
        case .costUSD:
            if try !scanner.null() {
                let range = try scanner.numberRange()
                guard let amount = USDAmount(decimal: UnsafeBufferPointer(rebasing: scanner.bytes[range])) else {
                    throw .invalidValue("cost_usd")
                }
                costUSD = amount
            }
        case .ttft: ttft = try optionalInt(&scanner)
        case .duration: duration = try scanner.integer()
        case .bytesOut: bytesOut = try scanner.integer()
        }
    }

    private func optionalString(_ scanner: inout JSONScanner) throws(UsageLineError) -> String? {
        try scanner.null() ? nil : scanner.string()
    }

    private func optionalInt(_ scanner: inout JSONScanner) throws(UsageLineError) -> Int? {
        try scanner.null() ? nil : scanner.integer()
    }

    private func readAttempts(_ scanner: inout JSONScanner) throws(UsageLineError) -> [UsageRecord.Attempt] {
        var result: [UsageRecord.Attempt] = []
        try scanner.expect(UInt8(ascii: "["))
        if scanner.consume(UInt8(ascii: "]")) { return result }
        repeat {
            try scanner.expect(UInt8(ascii: "{"))
            var target: String?
            var status: Int?
            if !scanner.consume(UInt8(ascii: "}")) {
                repeat {
                    let key = try scanner.string()
                    try scanner.expect(UInt8(ascii: ":"))
                    switch key {
                    case "target": target = try scanner.string()
                    case "status": status = try scanner.integer()
                    default: try scanner.skipValue()
                    }
                } while scanner.consume(UInt8(ascii: ","))
                try scanner.expect(UInt8(ascii: "}"))
            }
            guard let target, let status else { throw .missingField("attempts[].target/status") }
            result.append(UsageRecord.Attempt(target: target, status: status))
        } while scanner.consume(UInt8(ascii: ","))
        try scanner.expect(UInt8(ascii: "]"))
        return result
    }

    func record() throws(UsageLineError) -> UsageRecord {
        guard let version else { throw .missingField("v") }
        guard UsageRecord.readableVersions.contains(version) else { throw .unsupportedVersion(version) }
        guard let timestamp else { throw .missingField("ts") }
        guard let requestID else { throw .missingField("request_id") }
        guard let client else { throw .missingField("client") }
        guard let inbound else { throw .missingField("inbound") }
        guard let modelRequested else { throw .missingField("model_requested") }
        guard let status else { throw .missingField("status") }
        guard let duration else { throw .missingField("duration_ms") }
        return UsageRecord(
            timestampMilliseconds: timestamp, requestID: requestID, client: client, inbound: inbound,
            modelRequested: modelRequested, route: route, target: target, attempts: attempts,
            status: status, error: error, stream: stream, inputTokens: inputTokens,
            outputTokens: outputTokens, cacheReadTokens: cacheReadTokens,
            cacheWriteTokens: cacheWriteTokens, reasoningTokens: reasoningTokens, costUSD: costUSD,
            ttftMilliseconds: ttft, durationMilliseconds: duration, bytesOut: bytesOut
        )
    }
}
