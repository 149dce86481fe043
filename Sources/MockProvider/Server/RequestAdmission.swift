import Foundation
import Hummingbird

/// The checks a protocol request passes before it is served: the key (when the mock requires
/// one), then a body that decodes. Rejections are recorded and answered in the protocol's format.
struct RequestAdmission: Sendable {
    let store: ScriptStore
    let requiredKey: String?
    /// Anthropic requests whose thinking blocks this mock did not sign get Anthropic's 400.
    var verifiesSignatures = false

    enum Outcome {
        case admitted(InboundRequest)
        case rejected(Response)
    }

    func admit(_ snapshot: RequestSnapshot, wire: WireProtocol) async -> Outcome {
        if let requiredKey, !snapshot.presents(key: requiredKey) {
            await store.record(snapshot.recording(wire: wire, status: "401"))
            let error = ScriptedError(message: "invalid API key", code: wire == .openai ? "invalid_api_key" : nil)
            return .rejected(HTTPResponses.error(ErrorBody(status: 401, error: error, wire: wire), wire: wire))
        }
        do {
            let request = try InboundRequest(wire: wire, body: snapshot.body)
            if verifiesSignatures, wire == .anthropic,
               let problem = ThinkingSignatures.problem(in: Data(snapshot.body.readableBytesView))
            {
                await store.record(snapshot.recording(wire: wire, status: "400"))
                let error = ScriptedError(type: "invalid_request_error", message: problem)
                return .rejected(HTTPResponses.error(ErrorBody(status: 400, error: error, wire: wire), wire: wire))
            }
            return .admitted(request)
        } catch {
            await store.record(snapshot.recording(wire: wire, status: "400"))
            let scripted = ScriptedError(type: "invalid_request_error", message: "request body is not valid JSON: \(error)")
            return .rejected(HTTPResponses.error(ErrorBody(status: 400, error: scripted, wire: wire), wire: wire))
        }
    }
}
