import HTTPTypes
import Hummingbird
import NIOCore
import RouteModel
import Translators

/// `POST /v1/messages`, `POST /v1/messages/count_tokens` and `POST /v1/chat/completions`:
/// authenticate, read and peek the body, decide, then run the attempt loop.
struct RelayEndpoint: Sendable {
    let state: RouterState
    let endpoint: InboundEndpoint

    /// The request's work runs tied to the client's connection: a client that leaves cancels it.
    func handle(_ request: Request, context: RouterRequestContext) async -> Response {
        await ClientDisconnect.cancelling(whenClosed: context.channel) {
            await process(request, context: context)
        }
    }

    private func process(_ request: Request, context: RouterRequestContext) async -> Response {
        var record = RequestRecord(
            requestID: context.requestID, endpoint: endpoint.rawValue, inbound: endpoint.format, startedAt: state.wallClock.now()
        )
        do throws(RouterError) {
            let inbound = try await accept(request, context: context, record: &record)
            guard let decision = state.decide(model: inbound.model, features: inbound.features), !decision.attempts.isEmpty else {
                throw .unknownModel(inbound.model)
            }
            record.route = state.routeName(of: decision)
            record.rule = state.ruleSummary(of: decision)
            // Text-only models never get an image to drop: skipped, or a clear 400 if all are.
            let attempts = VisionFilter.split(decision.attempts, hasImage: inbound.features.hasImage, in: state.table)
            if endpoint == .countTokens {
                return await countTokens(inbound, attempts: attempts.usable, record: record)
            }
            guard !attempts.usable.isEmpty else { throw .imageNotSupported(targets: attempts.blind.map(\.name)) }
            return await state.pipeline.run(inbound, attempts: attempts.usable, record: record)
        } catch {
            record.fail(with: error)
            state.completion.finish(record)
            return ResponseFactory.error(error, format: endpoint.format, requestID: context.requestID)
        }
    }

    /// Everything before the decision: auth, body, JSON, shape, model permission.
    private func accept(
        _ request: Request, context: RouterRequestContext, record: inout RequestRecord
    ) async throws(RouterError) -> InboundRequest {
        let identity = try state.authenticator.authenticate(request.headers)
        record.client = identity.name
        // Spend is checked as the request starts: one already running when it runs out finishes.
        if let refusal = state.budgets.refusal(client: identity.name) { throw .budgetExceeded(refusal) }
        switch state.clientLimits.admit(client: identity.name) {
        case .success(let permit): record.permits.append(permit)
        case .failure(let rejection): throw .rateLimited(rejection)
        }
        let body = try await BodyReader.read(request, limit: state.table.limits.maxBodyBytes)
        let peek: RequestPeek
        do {
            peek = try RequestPeek.parse(body, protocol: endpoint.format)
        } catch {
            switch error {
            case .invalidJSON(let offset, let reason): throw .malformedJSON(detail: "byte \(offset): \(reason)")
            case .invalidField: throw .invalidRequest(error.description)
            case .duplicateKey(let key, let offset): throw .duplicateKey(key: key, offset: offset)
            }
        }
        guard let model = peek.model, !model.isEmpty else { throw .invalidRequest("model: required, a non-empty string") }
        record.model = model
        record.stream = peek.stream
        if let problem = RequestShapeCheck.problem(in: peek, endpoint: endpoint) {
            throw .invalidRequest(problem)
        }
        guard identity.allows(model: model) else { throw .modelForbidden(model: model, client: identity.name) }
        var features = peek.features
        if features.sessionID == nil { features.sessionID = request.headers[.sessionID] }
        record.estimatedInputTokens = features.estimatedInputTokens
        return InboundRequest(
            endpoint: endpoint, requestID: context.requestID, identity: identity, headers: request.headers,
            query: request.uri.query, body: body, model: model, stream: peek.stream, features: features, peek: peek
        )
    }

    /// Forwarded to the first Anthropic-protocol targets that can be called; estimated locally
    /// when the decision has none (OpenAI-protocol providers have no such endpoint), calibrated
    /// for the target the request would go to (``InputTokenCalibration``).
    private func countTokens(_ inbound: InboundRequest, attempts: [TargetSpec], record: RequestRecord) async -> Response {
        let forwardable = attempts.filter {
            state.table.providers[$0.provider].wireProtocol == .anthropic && state.canServe($0)
        }
        if !forwardable.isEmpty {
            return await state.pipeline.run(inbound, attempts: forwardable, record: record)
        }
        var record = record
        let target = "router/estimate"
        record.target = target
        record.status = 200
        record.attempts = [AttemptRecord(target: target, status: 200)]
        state.completion.finish(record)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        ResponseFactory.stamp(&headers, requestID: inbound.requestID, target: target, attempts: record.attempts)
        let estimate = state.calibration.inputTokens(
            estimate: inbound.features.estimatedInputTokens, target: attempts.first?.name ?? ""
        )
        let body = #"{"input_tokens":\#(estimate)}"#
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
