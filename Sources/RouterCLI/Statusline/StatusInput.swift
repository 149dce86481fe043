import Foundation

/// The parts of the JSON Claude Code pipes to a `statusLine` command that the line uses:
/// `{"session_id": …, "model": {"id": "claude-opus-5-5", "display_name": "Opus 5.5"}, "cost": …}`.
struct StatusInput {
    /// The model the session asks for (`model.id`), as it reaches the router.
    var modelID: String?
    var modelDisplayName: String?

    /// Whatever came on stdin; unreadable or missing input leaves every field nil.
    init(json data: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let model = object["model"] as? [String: Any]
        else { return }
        modelID = model["id"] as? String
        modelDisplayName = model["display_name"] as? String
    }

    /// The name shown left of the arrow.
    var askedModel: String { modelID ?? modelDisplayName ?? "?" }
}
