/// The mock's mutable state: the script with each step's remaining uses and random draws, and
/// the request log. An actor, so concurrent requests take steps one at a time in arrival order.
actor ScriptStore {
    /// A step with its progress.
    private struct ActiveStep {
        let step: ScriptStep
        /// `nil`: unlimited.
        var usesLeft: Int?
        var generator: SeededGenerator?
        /// How many random failures the step has produced, to take the failure steps in turn.
        var failuresServed = 0
    }

    private var steps: [ActiveStep] = []
    private var log: RequestLog
    /// Numbers every generation request, for ids that differ between responses.
    private var serial = 0

    init(recordCapacity: Int) {
        log = RequestLog(capacity: recordCapacity)
    }

    /// Appends `newSteps` to the script; returns how many steps the script now holds.
    func append(_ newSteps: [ScriptStep]) -> Int {
        for step in newSteps {
            steps.append(ActiveStep(
                step: step,
                usesLeft: step.allowedUses,
                generator: step.random.map { SeededGenerator(seed: $0.seed ?? 0) }
            ))
        }
        return steps.count
    }

    /// Clears the script and the request log.
    func reset() {
        steps.removeAll()
        log.removeAll()
    }

    /// Takes the first step that matches `subject` and has uses left, records `request` with
    /// the outcome, and returns the plan and the request's serial number.
    func plan(for subject: MatchSubject, recording request: RecordedRequest) -> (plan: ResponsePlan, serial: Int) {
        serial += 1
        var request = request
        let plan: ResponsePlan
        if let index = steps.firstIndex(where: { entry in
            entry.usesLeft != 0 && (entry.step.match?.matches(subject) ?? true)
        }) {
            request.step = index
            plan = ResponsePlan(step: take(at: index))
        } else {
            plan = ResponsePlan(step: nil)
        }
        request.status = plan.statusLabel
        log.append(request)
        return (plan, serial)
    }

    /// Records a request that no step serves (auth failures, malformed bodies, model lists).
    func record(_ request: RecordedRequest) {
        log.append(request)
    }

    var requestsJSON: String { log.requestsJSON }
    var statsJSON: String { log.statsJSON }

    /// Uses step `index` once: its own behaviour, or one of its random failures.
    private func take(at index: Int) -> ScriptStep {
        if let uses = steps[index].usesLeft {
            steps[index].usesLeft = uses - 1
        }
        let step = steps[index].step
        guard let random = step.random, !random.failures.isEmpty,
              var generator = steps[index].generator else {
            return step
        }
        let fails = generator.nextUnit() < random.rate
        steps[index].generator = generator
        guard fails else { return step }
        let failure = random.failures[steps[index].failuresServed % random.failures.count]
        steps[index].failuresServed += 1
        return failure
    }
}
