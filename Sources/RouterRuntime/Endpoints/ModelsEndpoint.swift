import HTTPTypes
import Hummingbird
import NIOCore
import RouteModel

/// `GET /v1/models`: the aliases, combos and targets the caller may use, in Anthropic's list
/// shape when the caller sends `anthropic-version`, in OpenAI's otherwise.
struct ModelsEndpoint: Sendable {
    let state: RouterState

    func handle(_ request: Request, context: RouterRequestContext) async -> Response {
        let format: WireProtocol = request.headers[.anthropicVersion] != nil ? .anthropic : .openai
        var record = RequestRecord(requestID: context.requestID, endpoint: "models", inbound: format)
        // Listing models is not model traffic: a log line, no usage record.
        defer { state.log.emit(record) }
        let identity: ClientAuthenticator.Identity
        do {
            identity = try state.authenticator.authenticate(request.headers)
        } catch {
            record.status = error.descriptor.status
            record.errorCode = error.descriptor.code
            return ResponseFactory.error(error, format: format, requestID: context.requestID)
        }
        record.client = identity.name
        record.status = 200
        let names = Self.names(in: state.table).filter { identity.allows(model: $0.id) }
        return ResponseFactory.json(Self.render(names, format: format), requestID: context.requestID)
    }

    struct Entry: Equatable {
        let id: String
        /// `alias`, `combo` or the provider's name, as `owned_by`.
        let owner: String
    }

    /// Aliases, then combos, then targets, each in table order, without repeats.
    static func names(in table: RouteTable) -> [Entry] {
        var seen: Set<String> = []
        var out: [Entry] = []
        func add(_ id: String, _ owner: String) {
            if seen.insert(id).inserted { out.append(Entry(id: id, owner: owner)) }
        }
        for alias in table.aliases { add(alias.name, "alias") }
        for combo in table.combos { add(combo.name, "combo") }
        for target in table.targets { add(target.name, table.providers[target.provider].name) }
        return out
    }

    static func render(_ entries: [Entry], format: WireProtocol) -> String {
        switch format {
        case .anthropic:
            let data = entries.map {
                #"{"type":"model","id":"# + JSONText.quote($0.id) + #","display_name":"# + JSONText.quote($0.id)
                    + #","created_at":"1970-01-01T00:00:00Z"}"#
            }
            let first = entries.first.map { JSONText.quote($0.id) } ?? "null"
            let last = entries.last.map { JSONText.quote($0.id) } ?? "null"
            return #"{"data":["# + data.joined(separator: ",") + #"],"has_more":false,"first_id":"# + first
                + #","last_id":"# + last + "}"
        case .openai:
            let data = entries.map {
                #"{"id":"# + JSONText.quote($0.id) + #","object":"model","created":0,"owned_by":"# + JSONText.quote($0.owner) + "}"
            }
            return #"{"object":"list","data":["# + data.joined(separator: ",") + "]}"
        }
    }
}
