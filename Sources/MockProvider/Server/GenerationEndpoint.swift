import Foundation
import Hummingbird
import NIOCore

/// `POST /v1/messages` and `POST /v1/chat/completions`: authenticates, decodes what matching
/// needs, takes the script's step and answers as it says, in the request's protocol.
struct GenerationEndpoint: Sendable {
    let store: ScriptStore
    let admission: RequestAdmission

    /// Claude Code requests with images run to a few MB; far above that is a client bug.
    static let bodyLimit = 64 << 20

    func respond(to request: Request, context: MockRequestContext, wire: WireProtocol) async throws -> Response {
        var request = request
        let snapshot = RequestSnapshot(request, body: try await request.collectBody(upTo: Self.bodyLimit))

        let inbound: InboundRequest
        switch await admission.admit(snapshot, wire: wire) {
        case .admitted(let request): inbound = request
        case .rejected(let response): return response
        }

        let subject = MatchSubject(
            wire: wire,
            model: inbound.model,
            userWords: inbound.userWords,
            hasToolResult: inbound.toolResultCount > 0,
            headers: snapshot.headers
        )
        let (plan, serial) = await store.plan(for: subject, recording: snapshot.recording(wire: wire))
        if plan.delayMs > 0 {
            try await Task.sleep(for: .milliseconds(plan.delayMs))
        }

        var headers = plan.headers
        let requestIDHeader = wire == .anthropic ? "request-id" : "x-request-id"
        if !headers.keys.contains(where: { $0.lowercased() == requestIDHeader }) {
            headers[requestIDHeader] = "req_mock_\(serial)"
        }

        switch plan.action {
        case .drop:
            await ConnectionControl.reset(context.channel)
            throw ConnectionClosedOnPurpose()
        case .raw(let status, let contentType, let body):
            return HTTPResponses.complete(status: status, contentType: contentType, body: body, extraHeaders: headers)
        case .error(let status, let error):
            return HTTPResponses.error(ErrorBody(status: status, error: error, wire: wire), wire: wire, extraHeaders: headers)
        case .reply(let status, let reply, let options):
            let content = ReplyContent(request: inbound, reply: reply, serial: serial)
            return replyResponse(content, inbound: inbound, status: status, options: options, headers: headers, channel: context.channel)
        }
    }

    private func replyResponse(
        _ content: ReplyContent,
        inbound: InboundRequest,
        status: Int,
        options: StreamOptions?,
        headers: [String: String],
        channel: any Channel
    ) -> Response {
        let created = Int(Date().timeIntervalSince1970)
        guard inbound.stream else {
            let body = switch inbound.wire {
            case .anthropic: AnthropicRenderer.message(content)
            case .openai: OpenAIRenderer.completion(content, created: created)
            }
            return HTTPResponses.json(body, status: status, extraHeaders: headers)
        }
        let events: [String]
        if let errorFirst = options?.errorFirst {
            let error = ErrorBody(status: ErrorCatalog.status(forType: errorFirst.type), error: errorFirst, wire: inbound.wire)
            events = switch inbound.wire {
            case .anthropic: [AnthropicRenderer.errorEvent(error)]
            case .openai: [OpenAIRenderer.errorLine(error)]
            }
        } else {
            events = switch inbound.wire {
            case .anthropic: AnthropicRenderer.events(content, options: options)
            case .openai: OpenAIRenderer.chunks(content, created: created, includeUsage: inbound.includeUsage, options: options)
            }
        }
        return EventStreamResponse.make(
            status: status,
            events: events,
            headers: EventStreamResponse.headers(extra: headers),
            options: options,
            channel: channel
        )
    }
}
