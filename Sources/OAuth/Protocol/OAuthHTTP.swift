import AsyncHTTPClient
import Foundation
import NIOCore

/// The few HTTP exchanges OAuth needs: a form or JSON post whose answer is read whole.
struct OAuthHTTP: Sendable {
    let client: HTTPClient
    var timeout: TimeAmount = .seconds(30)
    /// Token responses are small; anything bigger is not one.
    static let maxBody = 256 * 1024

    struct Reply: Sendable {
        let status: Int
        let body: Data
    }

    func postForm(_ url: String, fields: [(String, String)], basicAuth: (String, String)? = nil) async throws(OAuthError) -> Reply {
        var headers: [(String, String)] = [("content-type", "application/x-www-form-urlencoded"), ("accept", "application/json")]
        if let (user, password) = basicAuth {
            let pair = "\(FormURLEncoding.escape(user)):\(FormURLEncoding.escape(password))"
            headers.append(("authorization", "Basic " + Data(pair.utf8).base64EncodedString()))
        }
        return try await post(url, body: FormURLEncoding.encode(fields), headers: headers)
    }

    func postJSON(_ url: String, body: Data) async throws(OAuthError) -> Reply {
        try await post(url, body: String(decoding: body, as: UTF8.self), headers: [("content-type", "application/json"), ("accept", "application/json")])
    }

    private func post(_ url: String, body: String, headers: [(String, String)]) async throws(OAuthError) -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        let endpoint = OAuthHTTP.displayName(of: url)
        do {
            let response = try await client.execute(request, timeout: timeout)
            let buffer = try await response.body.collect(upTo: OAuthHTTP.maxBody)
            return Reply(status: Int(response.status.code), body: Data(buffer.readableBytesView))
        } catch {
            throw .transport(endpoint: endpoint, reason: "\(type(of: error))")
        }
    }

    /// Scheme, host and path only: query strings may carry codes.
    static func displayName(of url: String) -> String {
        guard var components = URLComponents(string: url) else { return "the OAuth endpoint" }
        components.query = nil
        components.fragment = nil
        components.user = nil
        components.password = nil
        return components.string ?? "the OAuth endpoint"
    }
}
