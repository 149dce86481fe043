import Foundation
import Hummingbird

/// The control API under `/_mock/`: append script steps, reset, read recorded requests and
/// counts. JSON in, JSON out.
struct ControlEndpoints: Sendable {
    let store: ScriptStore

    /// The body of `POST /_mock/script`.
    private struct ScriptUpload: Decodable {
        var steps: [ScriptStep]
    }

    /// Scripts are small; the limit leaves room for long scripted texts.
    static let scriptLimit = 16 << 20

    func register(on router: Router<MockRequestContext>) {
        router.post("/_mock/script") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: Self.scriptLimit)
            let upload: ScriptUpload
            do {
                let data = Data(body.readableBytesView)
                let document = try JSONDecoder().decode(JSONValue.self, from: data)
                let unknown = ScriptValidator.unknownMembers(inSteps: document["steps"] ?? .array([]))
                guard unknown.isEmpty else {
                    let message = "unknown script members: \(unknown.joined(separator: ", "))"
                    return HTTPResponses.json("{\"error\":\(JSONText.quoted(message))}", status: 400)
                }
                upload = try JSONDecoder().decode(ScriptUpload.self, from: data)
            } catch {
                return HTTPResponses.json("{\"error\":\(JSONText.quoted("invalid script: \(error)"))}", status: 400)
            }
            let count = await store.append(upload.steps)
            return HTTPResponses.json("{\"ok\":true,\"steps\":\(count)}")
        }
        router.post("/_mock/reset") { _, _ in
            await store.reset()
            return HTTPResponses.json("{\"ok\":true}")
        }
        router.get("/_mock/requests") { _, _ in
            HTTPResponses.json(await store.requestsJSON)
        }
        router.get("/_mock/stats") { _, _ in
            HTTPResponses.json(await store.statsJSON)
        }
    }
}
