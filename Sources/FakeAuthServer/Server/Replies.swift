import Foundation
import Hummingbird

/// Small response and request helpers of the fake server.
enum Replies {
    static func json(_ object: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    static func grantError(_ error: GrantError) -> Response {
        json(["error": error.code], status: .init(code: error.status))
    }

    static func tokens(_ issued: IssuedTokens, resourceURL: String?) -> Response {
        var body: [String: Any] = ["access_token": issued.access, "token_type": "Bearer", "expires_in": issued.expiresIn]
        if let refresh = issued.refresh { body["refresh_token"] = refresh }
        if let resourceURL { body["resource_url"] = resourceURL }
        return json(body)
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .found, headers: [.location: location])
    }

    /// The body as `application/x-www-form-urlencoded` fields.
    static func form(_ request: Request) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        return FormFields.decode(String(buffer: buffer))
    }

    /// The body as a JSON object of strings.
    static func jsonStrings(_ request: Request) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        let object = (try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))) as? [String: Any] ?? [:]
        return object.compactMapValues { $0 as? String }
    }

    static func query(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters[name[...]].map(String.init)
    }

    /// `Authorization: Bearer …`.
    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return nil }
        return String(header.dropFirst("Bearer ".count))
    }

    /// `Authorization: Basic …` as (client id, secret).
    static func basic(_ request: Request) -> (String, String)? {
        guard let header = request.headers[.authorization], header.hasPrefix("Basic "),
              let data = Data(base64Encoded: String(header.dropFirst("Basic ".count))) else { return nil }
        let pair = String(decoding: data, as: UTF8.self).split(separator: ":", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
        return pair.count == 2 ? (pair[0], pair[1]) : nil
    }
}

/// Form field parsing (`a=1&b=2`, `+` as space).
enum FormFields {
    static func decode(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let unescape = { (s: Substring) in s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            fields[unescape(parts[0])] = parts.count > 1 ? unescape(parts[1]) : ""
        }
        return fields
    }
}
