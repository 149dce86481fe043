import RouteModel
import Synchronization
import UsageLog

/// Spend per client per UTC day and calendar month, for the clients that have a `budget:`.
/// Small and bounded: one ``ClientSpend`` per budgeted client. Rebuilt from the usage log at
/// start (``rebuild(from:)``), charged by every finished request, asked by every request as it
/// starts.
public final class BudgetBook: Sendable {
    private let budgets: [String: ClientBudget]
    private let clock: WallClock
    private let spend: Mutex<[String: ClientSpend]>

    public init(clients: [ClientSpec], clock: WallClock = .system) {
        var budgets: [String: ClientBudget] = [:]
        for client in clients { if let budget = client.budget { budgets[client.name] = budget } }
        self.budgets = budgets
        self.clock = clock
        let now = clock.nowMilliseconds()
        spend = Mutex(budgets.mapValues { _ in ClientSpend(now: now) })
    }

    /// Whether any client has a budget (nothing to do otherwise).
    public var isEmpty: Bool { budgets.isEmpty }

    /// Sets each budgeted client's spend of the current day and month from the usage log's
    /// aggregate (the lines' `cost_usd` by their `ts`), so budgets survive a restart.
    public func rebuild(from aggregate: UsageAggregate) {
        guard !budgets.isEmpty else { return }
        let now = clock.nowMilliseconds()
        let window = BudgetWindow(epochMilliseconds: now)
        let month = aggregate.report(UsageQuery(from: window.monthStart, to: window.monthEnd, groupBy: .client))
        let day = aggregate.report(UsageQuery(from: window.dayStart, to: window.dayEnd, groupBy: .client))
        spend.withLock { spend in
            for client in budgets.keys {
                var state = ClientSpend(now: now)
                state.restore(
                    today: day.groups.first { $0.key == client }?.counters.costUSD ?? .zero,
                    thisMonth: month.groups.first { $0.key == client }?.counters.costUSD ?? .zero
                )
                spend[client] = state
            }
        }
    }

    /// The refusal for a request of `client` starting now, nil when it may go ahead.
    public func refusal(client: String) -> BudgetRefusal? {
        guard let budget = budgets[client] else { return nil }
        let now = clock.nowMilliseconds()
        return spend.withLock { spend in spend[client]?.refusal(now: now, budget: budget, client: client) }
    }

    /// Charges a finished request's cost; returns the warnings it triggered.
    @discardableResult
    public func charge(client: String, cost: USDAmount, startedAt: Int64) -> [BudgetWarning] {
        guard let budget = budgets[client], cost.picodollars > 0 else { return [] }
        let now = clock.nowMilliseconds()
        let crossed = spend.withLock { spend in
            spend[client]?.charge(cost, startedAt: startedAt, now: now, budget: budget) ?? []
        }
        return crossed.map { BudgetWarning(client: client, window: $0) }
    }

    /// What `client` has spent today and this month (for tests and the dashboard).
    public func spent(client: String) -> (today: USDAmount, thisMonth: USDAmount)? {
        let now = clock.nowMilliseconds()
        return spend.withLock { spend in
            guard var state = spend[client] else { return nil }
            state.roll(to: now)
            spend[client] = state
            return (state.today, state.thisMonth)
        }
    }
}
