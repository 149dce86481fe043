import RouteModel
import Synchronization

/// Picks combo members for the request path: smooth weighted round-robin per combo (exactly the
/// weights over every cycle, interleaved), passing over members that cannot serve now (no
/// credentials, cooling down), and keeping a client session on one member while it stays usable
/// (`sticky: session`) so the provider's prompt cache keeps hitting.
public final class MemberSelector: Sendable {
    private struct State {
        var rotations: [SmoothWeightedRoundRobin]
        var sessions: SessionPins
    }

    private let state: Mutex<State>

    public init(table: RouteTable, sessionCapacity: Int = 10_000) {
        state = Mutex(State(
            rotations: table.combos.map { SmoothWeightedRoundRobin(weights: $0.members.map(\.weight)) },
            sessions: SessionPins(capacity: sessionCapacity)
        ))
    }

    /// The member (index into `spec.members`) this request gets. `isUsable` says whether a member
    /// can serve now; when none can, the rotation runs over all of them and the attempt loop
    /// reports why each failed.
    public func choose(combo: Int, spec: ComboSpec, sessionID: String?, isUsable: (Int) -> Bool) -> Int {
        state.withLock { state in
            let pinKey = spec.stickiness == .session ? sessionID.map { SessionPins.Key(combo: combo, session: $0) } : nil
            if let pinKey, let pinned = state.sessions.member(for: pinKey), pinned < spec.members.count, isUsable(pinned) {
                return pinned
            }
            let anyUsable = spec.members.indices.contains(where: isUsable)
            let member = state.rotations[combo].next(isEligible: { !anyUsable || isUsable($0) }) ?? 0
            if let pinKey { state.sessions.pin(pinKey, to: member) }
            return member
        }
    }
}

/// Session → member pins, bounded: the oldest pin is forgotten first.
struct SessionPins {
    struct Key: Hashable {
        let combo: Int
        let session: String
    }

    let capacity: Int
    private var members: [Key: Int] = [:]
    private var order: [Key] = []
    private var head = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    func member(for key: Key) -> Int? { members[key] }

    mutating func pin(_ key: Key, to member: Int) {
        if members.updateValue(member, forKey: key) == nil {
            order.append(key)
        }
        while members.count > capacity, head < order.count {
            members[order[head]] = nil
            head += 1
        }
        if head > capacity {  // compact the queue now and then instead of removing from its front
            order.removeFirst(head)
            head = 0
        }
    }
}
