import Foundation
import RouteModel

extension LoginFlow {
    /// Why the flow failed, nil unless it did.
    public var failureReason: String? {
        if case .failed(let reason) = state { return reason }
        return nil
    }
}

/// A login in progress: what the user must do, and its state.
public struct LoginFlow: Sendable, CustomStringConvertible {
    public let id: String
    public let provider: String
    public let account: String
    public let kind: OAuthSpec.Flow
    /// The page the user opens: the authorize URL, or the device verification URL.
    public let url: String?
    /// The device flow's user code.
    public let userCode: String?
    public let expiresAt: Date
    public internal(set) var state: LoginFlowState

    public var description: String { "LoginFlow(\(id), \(provider)/\(account), \(kind.rawValue), \(state.name))" }

    /// The JSON the dashboard polls.
    public var json: String {
        var fields = [
            "\"flow_id\":\(JSONString.quote(id))",
            "\"provider\":\(JSONString.quote(provider))",
            "\"account\":\(JSONString.quote(account))",
            "\"flow\":\(JSONString.quote(kind.rawValue))",
            "\"state\":\(JSONString.quote(state.name))",
            "\"expires_at\":\(Int(expiresAt.timeIntervalSince1970))",
        ]
        if let url { fields.append("\"url\":\(JSONString.quote(url))") }
        if let userCode { fields.append("\"user_code\":\(JSONString.quote(userCode))") }
        if case .failed(let reason) = state { fields.append("\"error\":\(JSONString.quote(reason))") }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
