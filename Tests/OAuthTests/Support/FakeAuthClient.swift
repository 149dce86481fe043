import AsyncHTTPClient
import Foundation
import NIOCore

/// The test's side door into the fake server: counters, control calls, the protected resource
/// and the browser's half of an authorization-code login.
struct FakeAuthClient: Sendable {
    let http: HTTPClient
    let baseURL: String

    func stats() async throws -> [String: Int] {
        let (_, body) = try await send("GET", "/_fake/stats")
        return (try JSONSerialization.jsonObject(with: body) as? [String: Int]) ?? [:]
    }

    func count(_ name: String) async throws -> Int { try await stats()[name] ?? 0 }

    @discardableResult
    func control(_ path: String, _ query: [String: String] = [:]) async throws -> Int {
        let queryText = query.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.value)" }.joined(separator: "&")
        return try await send("POST", path + (queryText.isEmpty ? "" : "?" + queryText)).status
    }

    /// The HTTP status of `GET /_fake/whoami` with `token`, and the subject when 200.
    func whoami(_ token: String) async throws -> (status: Int, subject: String?) {
        let (status, body) = try await send("GET", "/_fake/whoami", headers: [("authorization", "Bearer " + token)])
        let subject = (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["subject"] as? String
        return (status, subject)
    }

    /// What a browser does with the authorize URL: the redirect's target (not followed).
    func openAuthorizeURL(_ url: String) async throws -> URLComponents? {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        let response = try await http.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        guard response.status.code == 302, let location = response.headers.first(name: "location") else { return nil }
        return URLComponents(string: location)
    }

    private func send(_ method: String, _ path: String, headers: [(String, String)] = []) async throws -> (status: Int, body: Data) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .RAW(value: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await http.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), Data(buffer.readableBytesView))
    }
}

extension URLComponents {
    /// The query as a dictionary (first value wins).
    var queryDictionary: [String: String] {
        var result: [String: String] = [:]
        for item in queryItems ?? [] where result[item.name] == nil { result[item.name] = item.value ?? "" }
        return result
    }

    /// The percent-encoded query string, as a server would receive it.
    var rawQuery: String { percentEncodedQuery ?? "" }
}
