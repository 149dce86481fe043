import AsyncHTTPClient
import Foundation
import NIOCore

/// Whether a router answers `GET /healthz` at a base URL, asked with a short timeout so that a
/// dead address costs at most a second.
enum RouterHealth {
    static func answers(_ baseURL: String, client: HTTPClient, timeout: TimeAmount = .seconds(1)) async -> Bool {
        let request = HTTPClientRequest(url: baseURL + "/healthz")
        guard let response = try? await client.execute(request, timeout: timeout) else { return false }
        _ = try? await response.body.collect(upTo: 4096)
        return response.status == .ok
    }
}
