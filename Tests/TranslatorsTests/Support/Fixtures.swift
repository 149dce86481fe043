import Foundation
@testable import Translators

/// The real Claude Code captures in `Tests/Fixtures/claude-code/` (refreshed by
/// `scripts/record-fixtures`), body bytes only. A missing capture is an error, never a skip.
enum Fixtures {
    /// `Tests/Fixtures/claude-code`, found from this file (`Tests/TranslatorsTests/Support/`).
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/claude-code")

    struct Capture {
        let name: String
        let headers: [String: String]
        let body: [UInt8]
    }

    static func captures() throws -> [Capture] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?
            .filter { $0.hasSuffix(".json") }.sorted() ?? []
        guard !names.isEmpty else { throw FixtureError.missing("no Claude Code captures (*.json) in \(directory.path)") }
        return try names.map { name in
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let body = object["body"]
            else { throw FixtureError.malformed(name) }
            let bodyData = try JSONSerialization.data(withJSONObject: body)
            return Capture(name: name, headers: object["headers"] as? [String: String] ?? [:], body: Array(bodyData))
        }
    }

    static func capture(_ prefix: String) throws -> Capture {
        guard let capture = try captures().first(where: { $0.name.hasPrefix(prefix) }) else {
            throw FixtureError.missing("no capture named \(prefix)* in \(directory.path)")
        }
        return capture
    }

    enum FixtureError: Error, CustomStringConvertible {
        case malformed(String)
        case missing(String)

        var description: String {
            switch self {
            case .malformed(let what): "malformed Claude Code capture: \(what)"
            case .missing(let what): "missing Claude Code capture: \(what)"
            }
        }
    }
}

/// Test helpers for JSON bodies.
enum JSONTestSupport {
    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) as? [String: Any] else {
            throw Fixtures.FixtureError.malformed("not an object: \(String(decoding: bytes.prefix(200), as: UTF8.self))")
        }
        return object
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
}
