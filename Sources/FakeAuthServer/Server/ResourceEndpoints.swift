import Hummingbird

/// A protected resource: 401 unless the bearer token is live. `GET /_fake/whoami` and an
/// OpenAI-shaped `POST /v1/chat/completions` that answers with the subject's name.
struct ResourceEndpoints: Sendable {
    let state: AuthState

    func register(on router: Router<BasicRequestContext>) {
        router.get("/_fake/whoami") { request, _ in
            guard let subject = authorize(request) else { return unauthorized() }
            return Replies.json(["subject": subject])
        }
        router.post("/v1/chat/completions") { request, _ in
            guard let subject = authorize(request) else { return unauthorized() }
            _ = try await request.body.collect(upTo: 1 << 20)
            return Replies.json([
                "id": "chatcmpl-fake", "object": "chat.completion", "model": "fake-model",
                "choices": [["index": 0, "finish_reason": "stop", "message": ["role": "assistant", "content": "hello \(subject)"]]],
                "usage": ["prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3],
            ])
        }
    }

    private func authorize(_ request: Request) -> String? {
        guard let token = Replies.bearer(request), let subject = state.subject(ofAccessToken: token) else {
            state.count("resource.unauthorized")
            return nil
        }
        state.count("resource.ok")
        return subject
    }

    private func unauthorized() -> Response {
        Replies.json(["error": ["message": "invalid or expired access token", "type": "invalid_token"]], status: .unauthorized)
    }
}
