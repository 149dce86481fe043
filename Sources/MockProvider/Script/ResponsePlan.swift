/// What the mock does for one generation request, decided from the step that matched (or from
/// no step: the default reply).
struct ResponsePlan: Sendable {
    /// The kind of response.
    enum Action: Sendable {
        /// Close the connection without sending anything.
        case drop
        /// Send this status, content type and body as is.
        case raw(status: Int, contentType: String, body: String)
        /// An error body in the request's protocol.
        case error(status: Int, ScriptedError)
        /// An assistant reply; `nil` is the default reply.
        case reply(status: Int, ScriptedReply?, StreamOptions?)
    }

    var action: Action
    var delayMs: Int
    var headers: [String: String]

    /// The plan for `step`; `nil` gives the default reply.
    init(step: ScriptStep?) {
        delayMs = max(step?.delayMs ?? 0, 0)
        headers = step?.headers ?? [:]
        guard let step else {
            action = .reply(status: 200, nil, nil)
            return
        }
        if step.reset == true {
            action = .drop
        } else if let raw = step.raw {
            action = .raw(
                status: raw.status ?? step.status ?? 200,
                contentType: raw.contentType ?? "text/plain",
                body: raw.body ?? ""
            )
        } else if let error = step.error {
            action = .error(status: step.status ?? ErrorCatalog.status(forType: error.type), error)
        } else if let status = step.status, status >= 400 {
            action = .error(status: status, ScriptedError())
        } else {
            action = .reply(status: step.status ?? 200, step.reply, step.stream)
        }
    }

    /// The status this plan answers with, as recorded in `/_mock/requests` and counted in
    /// `/_mock/stats`; a dropped connection counts as `reset`.
    var statusLabel: String {
        switch action {
        case .drop: return "reset"
        case .raw(let status, _, _), .error(let status, _), .reply(let status, _, _): return String(status)
        }
    }
}
