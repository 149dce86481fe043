import RouteModel

/// What one client has spent in the current UTC day and calendar month, and whether it has been
/// warned in each: pure logic over explicit times, no locking (``BudgetBook`` holds the lock).
struct ClientSpend: Sendable, Equatable {
    private(set) var window: BudgetWindow
    private(set) var today = USDAmount.zero
    private(set) var thisMonth = USDAmount.zero
    private var warnedToday = false
    private var warnedThisMonth = false

    init(now: Int64) {
        window = BudgetWindow(epochMilliseconds: now)
    }

    /// Sets the spend of the current windows (rebuilt from the usage log at start).
    mutating func restore(today: USDAmount, thisMonth: USDAmount) {
        self.today = today
        self.thisMonth = thisMonth
    }

    /// Moves to the window of `now`, dropping what belongs to windows that ended.
    mutating func roll(to now: Int64) {
        let current = BudgetWindow(epochMilliseconds: now)
        guard current != window else { return }
        if current.day != window.day { today = .zero; warnedToday = false }
        if current.month != window.month { thisMonth = .zero; warnedThisMonth = false }
        window = current
    }

    /// Adds the cost of a request that started at `startedAt` to the windows it belongs to;
    /// returns the windows whose warning threshold this charge crossed.
    mutating func charge(_ cost: USDAmount, startedAt: Int64, now: Int64, budget: ClientBudget) -> [BudgetWarning.Window] {
        roll(to: now)
        let started = BudgetWindow(epochMilliseconds: startedAt)
        if started.day == window.day { today += cost }
        if started.month == window.month { thisMonth += cost }
        var crossed: [BudgetWarning.Window] = []
        if let warnAt = budget.warnAtMillionths {
            if !warnedToday, let limit = budget.daily, Self.reached(today, of: limit, millionths: warnAt) {
                warnedToday = true
                crossed.append(.daily)
            }
            if !warnedThisMonth, let limit = budget.monthly, Self.reached(thisMonth, of: limit, millionths: warnAt) {
                warnedThisMonth = true
                crossed.append(.monthly)
            }
        }
        return crossed
    }

    /// The refusal for a request starting `now`, nil when the client is under its limits.
    mutating func refusal(now: Int64, budget: ClientBudget, client: String) -> BudgetRefusal? {
        roll(to: now)
        // The monthly limit first: when both are spent, only the month's end helps.
        if let limit = budget.monthly, thisMonth >= limit {
            return BudgetRefusal(client: client, window: .monthly, spent: thisMonth, limit: limit,
                                 resetsAt: window.monthEnd, retryAfterSeconds: BudgetWindow.seconds(from: now, until: window.monthEnd))
        }
        if let limit = budget.daily, today >= limit {
            return BudgetRefusal(client: client, window: .daily, spent: today, limit: limit,
                                 resetsAt: window.dayEnd, retryAfterSeconds: BudgetWindow.seconds(from: now, until: window.dayEnd))
        }
        return nil
    }

    /// Whether `spent` is at least `millionths`/10⁶ of `limit`, in exact integer arithmetic.
    static func reached(_ spent: USDAmount, of limit: USDAmount, millionths: Int64) -> Bool {
        let (scaledSpent, overflowA) = spent.picodollars.multipliedReportingOverflow(by: 1_000_000)
        let (threshold, overflowB) = limit.picodollars.multipliedReportingOverflow(by: millionths)
        if overflowA || overflowB {
            return Double(spent.picodollars) * 1e6 >= Double(limit.picodollars) * Double(millionths)
        }
        return scaledSpent >= threshold
    }
}
