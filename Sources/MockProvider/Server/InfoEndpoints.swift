import Hummingbird

/// The endpoints that need no script: token counting, the model list and the health check.
struct InfoEndpoints: Sendable {
    let store: ScriptStore
    let admission: RequestAdmission
    let name: String
    /// The ids `/v1/models` lists.
    let models: [String]

    func register(on router: Router<MockRequestContext>) {
        router.post("/v1/messages/count_tokens") { request, _ in
            var request = request
            let snapshot = RequestSnapshot(request, body: try await request.collectBody(upTo: GenerationEndpoint.bodyLimit))
            if case .rejected(let response) = await admission.admit(snapshot, wire: .anthropic) {
                return response
            }
            await store.record(snapshot.recording(wire: .anthropic, status: "200"))
            let tokens = InboundRequest.estimatedTokens(byteCount: snapshot.body.readableBytes)
            return HTTPResponses.json("{\"input_tokens\":\(tokens)}")
        }
        for path in ["/v1/models", "/models"] {
            router.get(RouterPath(path)) { request, _ in
                let snapshot = RequestSnapshot(request, body: ByteBuffer())
                // Anthropic clients send `anthropic-version`; everyone else gets OpenAI's shape.
                let wire: WireProtocol = snapshot.headers["anthropic-version"] != nil ? .anthropic : .openai
                await store.record(snapshot.recording(wire: wire, status: "200"))
                return HTTPResponses.json(wire == .anthropic ? anthropicModelList : openAIModelList)
            }
        }
        router.get("/healthz") { _, _ in
            HTTPResponses.json("{\"status\":\"ok\",\"name\":\(JSONText.quoted(name))}")
        }
    }

    private var openAIModelList: String {
        let entries = models.map { "{\"id\":\(JSONText.quoted($0)),\"object\":\"model\",\"created\":0,\"owned_by\":\(JSONText.quoted(name))}" }
        return "{\"object\":\"list\",\"data\":[\(entries.joined(separator: ","))]}"
    }

    private var anthropicModelList: String {
        let entries = models.map { "{\"type\":\"model\",\"id\":\(JSONText.quoted($0)),\"display_name\":\(JSONText.quoted($0)),\"created_at\":\"2025-01-01T00:00:00Z\"}" }
        let first = models.first.map(JSONText.quoted) ?? "null"
        let last = models.last.map(JSONText.quoted) ?? "null"
        return "{\"data\":[\(entries.joined(separator: ","))],\"has_more\":false,\"first_id\":\(first),\"last_id\":\(last)}"
    }
}
