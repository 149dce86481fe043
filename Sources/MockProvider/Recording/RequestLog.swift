/// The most recent requests, oldest first, plus counts over every request since the last reset.
/// Old entries are dropped past `capacity` so a long benchmark does not grow the mock without
/// bound, while the counts stay exact.
struct RequestLog: Sendable {
    let capacity: Int
    private var ring: [RecordedRequest] = []
    /// Index in `ring` of the oldest entry once the ring is full.
    private var oldest = 0
    private(set) var total = 0
    private(set) var byStatus: [String: Int] = [:]

    init(capacity: Int) {
        self.capacity = max(capacity, 0)
    }

    mutating func append(_ request: RecordedRequest) {
        total += 1
        byStatus[request.status, default: 0] += 1
        guard capacity > 0 else { return }
        if ring.count < capacity {
            ring.append(request)
        } else {
            ring[oldest] = request
            oldest = (oldest + 1) % capacity
        }
    }

    mutating func removeAll() {
        ring.removeAll()
        oldest = 0
        total = 0
        byStatus.removeAll()
    }

    /// `{"requests": [...]}` in arrival order.
    var requestsJSON: String {
        var out = "{\"requests\":["
        let ordered = ring[oldest...] + ring[..<oldest]
        for (offset, request) in ordered.enumerated() {
            if offset > 0 { out += "," }
            request.write(to: &out)
        }
        out += "]}"
        return out
    }

    /// `{"requests": N, "by_status": {"200": N, ...}}`.
    var statsJSON: String {
        var out = "{\"requests\":\(total),\"by_status\":{"
        for (offset, status) in byStatus.keys.sorted().enumerated() {
            if offset > 0 { out += "," }
            JSONText.appendQuoted(status, to: &out)
            out += ":\(byStatus[status, default: 0])"
        }
        out += "}}"
        return out
    }
}
