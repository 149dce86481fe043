import RouteModel

/// The Routing page's playground: the decision a request with these features would get now,
/// made by the server's decider and member selector with the live credential and cooldown
/// state, explained in the words of `claude-router route`. It calls no upstream and does not
/// move the live round-robin (a fresh selector, as `claude-router route --request 1`).
struct Playground: Sendable {
    var model = ""
    var text = ""
    var image = false
    var thinking = false
    var tools: [String] = []
    var inputTokens = 0

    init(fields: [String: String]) {
        model = (fields["model"] ?? "").trimmingSpaces()
        text = fields["text"] ?? ""
        image = ["1", "true", "on", "yes"].contains(fields["image"] ?? "")
        thinking = ["1", "true", "on", "yes"].contains(fields["thinking"] ?? "")
        tools = (fields["tools"] ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        inputTokens = Int(fields["input_tokens"] ?? "") ?? 0
    }

    var features: RequestFeatures {
        RequestFeatures(
            latestUserText: SystemReminder.strip(text), hasImage: image, wantsThinking: thinking, toolNames: tools,
            estimatedInputTokens: inputTokens
        )
    }

    /// The decision and its explanation; nil when no route knows the model.
    func run(state: RouterState) -> (decision: RouteDecision, lines: [String])? {
        let selector = MemberSelector(table: state.table)
        let decision = RouteDecider(table: state.table).decide(model: model, features: features) { combo, spec, features in
            selector.choose(combo: combo, spec: spec, sessionID: nil) { member in
                state.canServe(state.table.targets[spec.members[member].target])
            }
        }
        guard let decision else { return nil }
        let explanation = DecisionExplanation(
            table: state.table,
            credentialState: { target in Self.credentialState(target, state: state) },
            usable: { state.canServe($0) }
        )
        return (decision, explanation.lines(for: decision))
    }

    private static func credentialState(_ target: TargetSpec, state: RouterState) -> String {
        let entry = state.credentials.providers[target.provider]
        let base: String
        switch entry.auth {
        case .none: base = "no auth"
        case .oauth: return state.canServe(target) ? "oauth account ready" : "oauth: needs login"
        case .xApiKey, .bearer:
            let total = entry.keys.keys.count + entry.keys.missingEnv.count
            guard !entry.keys.keys.isEmpty else { return "missing " + entry.keys.missingEnv.joined(separator: ", ") }
            base = "ok (\(entry.keys.keys.count) of \(total) key\(total == 1 ? "" : "s"))"
        }
        return state.canServe(target) ? base : base + ", cooling"
    }

    /// `{"model":…,"found":true,"resolution":…,"attempts":["p/m",…],"explanation":["line",…]}`.
    func json(state: RouterState) -> String {
        guard let (decision, lines) = run(state: state) else {
            return "{\"model\":\(JSONText.quote(model)),\"found\":false,\"explanation\":[\(JSONText.quote(Self.unknown(model)))]}"
        }
        return "{\"model\":\(JSONText.quote(model)),\"found\":true"
            + ",\"route\":" + (state.routeName(of: decision).map(JSONText.quote) ?? "null")
            + ",\"rule\":" + (state.ruleSummary(of: decision).map(JSONText.quote) ?? "null")
            + ",\"attempts\":[" + decision.attempts.map { JSONText.quote($0.name) }.joined(separator: ",") + "]"
            + ",\"explanation\":[" + lines.map(JSONText.quote).joined(separator: ",") + "]}"
    }

    func html(state: RouterState) -> String {
        guard let (_, lines) = run(state: state) else {
            return "<div class=\"result bad\" id=\"decision\"><p>" + HTML.escape(Self.unknown(model)) + "</p></div>"
        }
        return "<div class=\"result\" id=\"decision\"><pre>" + HTML.escape(lines.joined(separator: "\n")) + "</pre></div>"
    }

    static func unknown(_ model: String) -> String {
        "no route for model '\(model)': it is not an alias, a combo, provider/model, or matched by a route"
    }
}
