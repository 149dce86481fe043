import AsyncHTTPClient
import Foundation
import NIOCore
import FakeAuthServerLauncher
import XCTest

/// The test's side door into the fake authorization server: counters, the tokens it issued,
/// device approval, revocation, and its own protected resource.
struct FakeAuthControl: Sendable {
    let http: HTTPClient
    let baseURL: String

    /// One access token as the fake server issued it.
    struct IssuedAccess: Sendable, Equatable {
        let token: String
        let subject: String
        let issuedAt: Date
        let expiresAt: Date?
    }

    /// Everything issued so far, oldest first.
    struct Issued: Sendable {
        let access: [IssuedAccess]
        let refresh: [String]

        /// Every secret the fake server handed out: none may appear in a log line or an error body.
        var secrets: [String] { access.map(\.token) + refresh }
    }

    func stats() async throws -> [String: Int] {
        let (_, body) = try await send("GET", "/_fake/stats")
        return (try JSONSerialization.jsonObject(with: body) as? [String: Int]) ?? [:]
    }

    func count(_ name: String) async throws -> Int { try await stats()[name] ?? 0 }

    func issued() async throws -> Issued {
        let (_, body) = try await send("GET", "/_fake/tokens")
        let object = (try JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:]
        let access = (object["access"] as? [[String: Any]] ?? []).compactMap { item -> IssuedAccess? in
            guard let token = item["token"] as? String, let issued = item["issued_at"] as? Double else { return nil }
            return IssuedAccess(
                token: token, subject: item["subject"] as? String ?? "", issuedAt: Date(timeIntervalSince1970: issued),
                expiresAt: (item["expires_at"] as? Double).map(Date.init(timeIntervalSince1970:))
            )
        }
        let refresh = (object["refresh"] as? [[String: Any]] ?? []).compactMap { $0["token"] as? String }
        return Issued(access: access, refresh: refresh)
    }

    /// A `POST` to a control endpoint (`/_fake/device/approve`, `/_fake/revoke`, …); its status.
    @discardableResult
    func control(_ path: String, _ query: [String: String] = [:]) async throws -> Int {
        let queryText = query.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.value)" }.joined(separator: "&")
        return try await send("POST", path + (queryText.isEmpty ? "" : "?" + queryText)).status
    }

    /// The HTTP status of `GET /_fake/whoami` with `token`: 200 while it is live, 401 after.
    func whoami(_ token: String) async throws -> Int {
        try await send("GET", "/_fake/whoami", headers: [("authorization", "Bearer " + token)]).status
    }

    private func send(_ method: String, _ path: String, headers: [(String, String)] = []) async throws -> (status: Int, body: Data) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .RAW(value: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await http.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 1 << 22)
        return (Int(response.status.code), Data(buffer.readableBytesView))
    }
}

/// Waits (checking every 100 ms, up to `seconds`, generous on a loaded machine) until
/// `condition` holds; fails the test when it never does.
func eventually(
    within seconds: Int = 30, _ what: String, file: StaticString = #filePath, line: UInt = #line,
    _ condition: () async throws -> Bool
) async throws {
    for _ in 0..<(seconds * 10) {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    XCTFail("not within \(seconds) s: \(what)", file: file, line: line)
}
