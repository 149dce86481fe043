import Synchronization
import UsageLog

/// The last `capacity` requests in memory (a ring, so memory stays flat however long the router
/// runs), live subscribers for the Requests page's event stream, and each provider's last
/// failed attempt for the Providers page.
final class RecentRequests: Sendable {
    /// A provider's last failed attempt: what failed and when.
    struct ProviderError: Sendable, Equatable {
        let errorClass: String
        let status: Int
        let timestampMilliseconds: Int64
    }

    private struct State {
        var ring: [RequestSummary] = []
        var next = 0
        var subscribers: [Int: AsyncStream<RequestSummary>.Continuation] = [:]
        var nextSubscriber = 0
        var lastErrors: [String: ProviderError] = [:]
    }

    let capacity: Int
    /// Events a slow subscriber may have queued; older ones are dropped, never accumulated.
    static let subscriberBuffer = 256
    private let state = Mutex(State())

    init(capacity: Int = 2000) {
        self.capacity = max(1, capacity)
    }

    func add(_ summary: RequestSummary) {
        let subscribers = state.withLock { state -> [AsyncStream<RequestSummary>.Continuation] in
            if state.ring.count < capacity {
                state.ring.append(summary)
            } else {
                state.ring[state.next] = summary
            }
            state.next = (state.next + 1) % capacity
            for attempt in summary.record.attempts where attempt.status >= 400 || attempt.status == 0 {
                let provider = attempt.target.split(separator: "/", maxSplits: 1).first.map(String.init) ?? attempt.target
                state.lastErrors[provider] = ProviderError(
                    errorClass: Self.errorClass(status: attempt.status), status: attempt.status,
                    timestampMilliseconds: summary.record.timestampMilliseconds
                )
            }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.yield(summary) }
    }

    /// The newest first, at most `limit`, those `matching` only.
    func newest(limit: Int, matching: (RequestSummary) -> Bool = { _ in true }) -> [RequestSummary] {
        state.withLock { state in
            var out: [RequestSummary] = []
            let count = state.ring.count
            var index = (state.next - 1 + count) % max(count, 1)
            for _ in 0..<count where out.count < limit {
                if matching(state.ring[index]) { out.append(state.ring[index]) }
                index = (index - 1 + count) % count
            }
            return out
        }
    }

    func find(requestID: String) -> RequestSummary? {
        state.withLock { $0.ring.first { $0.requestID == requestID } }
    }

    func lastError(provider: String) -> ProviderError? {
        state.withLock { $0.lastErrors[provider] }
    }

    /// Live summaries from now on; the subscription ends when the stream is dropped or finished.
    func subscribe() -> AsyncStream<RequestSummary> {
        let (stream, continuation) = AsyncStream.makeStream(of: RequestSummary.self, bufferingPolicy: .bufferingNewest(Self.subscriberBuffer))
        let id = state.withLock { state in
            state.nextSubscriber += 1
            state.subscribers[state.nextSubscriber] = continuation
            return state.nextSubscriber
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// The class of a failed attempt's status, as the Providers page names it.
    static func errorClass(status: Int) -> String {
        switch status {
        case 401, 403: "auth_failed"
        case 429: "rate_limited"
        case 408, 504: "timeout"
        case 529: "overloaded"
        case 500...599: "server_error"
        case 400...499: "client_error"
        default: "unreachable"
        }
    }
}
