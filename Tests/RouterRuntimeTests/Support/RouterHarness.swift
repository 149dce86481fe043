import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import RouteCompiler
import RouteModel
@testable import RouterRuntime

/// A router on an ephemeral loopback port, serving a table compiled from YAML, plus an HTTP
/// client to call it.
struct RouterHarness {
    let port: Int
    let logs: LogCapture
    private let task: Task<Void, any Error>
    let client: HTTPClient

    static let anthropicKey = "upstream-anthropic-secret"
    static let openAIKey = "upstream-openai-secret"
    static let clientKey = "client-key-1"
    static let limitedClientKey = "client-key-2"

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The standard test table, pointing at `upstream`.
    static func yaml(upstreamPort port: Int, clients: Bool = true, limits: String = "") -> String {
        var text = """
        version: 1
        providers:
          up-anthropic:
            protocol: anthropic
            base_url: http://127.0.0.1:\(port)
            keys: [env:TEST_ANTHROPIC_KEY]
            models: [claude-up-1, claude-up-2, claude-up-3]
            reject_betas: [rejected-beta-2025]
            quirks: [keep_billing_header]     # stands for Anthropic's own API: bodies pass untouched
          up-openai:
            protocol: openai
            base_url: http://127.0.0.1:\(port)/v1
            auth: bearer
            keys: [env:TEST_OPENAI_KEY]
            models: [gpt-up-1]
          dead:
            protocol: anthropic
            base_url: http://127.0.0.1:1
            keys: [env:TEST_ANTHROPIC_KEY]
            models: [claude-dead]
          nokey:
            protocol: anthropic
            base_url: http://127.0.0.1:\(port)
            keys: [env:TEST_UNSET_KEY]
            models: [claude-nokey]
        models:
          anthro: up-anthropic/claude-up-1
          oai: up-openai/gpt-up-1
          deadalias: dead/claude-dead
          crossed: up-openai/gpt-up-1
          resilient:
            members: {up-anthropic/claude-up-2: 1}
            fallback: [up-anthropic/claude-up-3]
          unreachable-first:
            members: {dead/claude-dead: 1}
            fallback: [up-anthropic/claude-up-1]
        routes:
          "claude-*": anthro
          "gpt-*": oai

        """
        if clients {
            text += """
            clients:
              - name: tester
                key_sha256: "\(sha256(clientKey))"
                models: ["*"]
              - name: limited
                key_sha256: "\(sha256(limitedClientKey))"
                models: ["gpt-*", "oai"]

            """
        }
        if !limits.isEmpty { text += "limits:\n" + limits + "\n" }
        return text
    }

    static let environment = ["TEST_ANTHROPIC_KEY": anthropicKey, "TEST_OPENAI_KEY": openAIKey]

    /// A router on a free port; with `dataDirectory` it keeps its usage log (and OAuth store) there.
    /// `logLevel` is the lowest level `logs` keeps.
    static func start(
        yaml: String, environment: [String: String] = environment, dataDirectory: String? = nil, logLevel: Logger.Level = .info
    ) async throws -> RouterHarness {
        let table = try RouteCompiler.compileTable(routesYAML: yaml)
        let logs = LogCapture()
        let (ports, sink) = AsyncStream<Int>.makeStream()
        let app = try RouterServer.makeApplication(
            table: table, host: "127.0.0.1", port: 0, environment: environment, logger: logs.logger(level: logLevel),
            dataDirectory: dataDirectory, onServerRunning: { sink.yield($0) }
        )
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        return RouterHarness(port: port, logs: logs, task: task, client: HTTPClient(eventLoopGroupProvider: .singleton))
    }

    func stop() async throws {
        try? await client.shutdown()
        task.cancel()
        _ = await task.result
    }

    var base: String { "http://127.0.0.1:\(port)" }

    /// Headers of an authenticated Anthropic-style call.
    static func anthropicHeaders(key: String = clientKey) -> [(String, String)] {
        [("x-api-key", key), ("anthropic-version", "2023-06-01"), ("content-type", "application/json")]
    }

    static func openAIHeaders(key: String = clientKey) -> [(String, String)] {
        [("authorization", "Bearer \(key)"), ("content-type", "application/json")]
    }

    struct Reply {
        let status: Int
        let headers: HTTPHeaders
        let body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
        func header(_ name: String) -> String? { headers.first(name: name) }
        /// Anthropic's `error.type` / `error.message`, or OpenAI's `error.type` / `error.message`.
        var errorType: String? { (json["error"] as? [String: Any])?["type"] as? String }
        var errorMessage: String { (json["error"] as? [String: Any])?["message"] as? String ?? "" }
    }

    func send(
        _ method: HTTPMethod = .POST, _ path: String, headers: [(String, String)] = RouterHarness.anthropicHeaders(),
        body: [UInt8]? = nil
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: .seconds(30))
        let collected = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Array(collected.readableBytesView))
    }

    /// A POST of `json` to the router, for tests that drive the client themselves.
    static func request(url: String, headers: [(String, String)] = RouterHarness.anthropicHeaders(), json: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: json))
        return request
    }

    func send(_ path: String, headers: [(String, String)] = RouterHarness.anthropicHeaders(), json: String) async throws -> Reply {
        try await send(.POST, path, headers: headers, body: Array(json.utf8))
    }
}

/// Request bodies used across tests.
enum Bodies {
    static func anthropic(model: String, stream: Bool = false, extra: String = "") -> String {
        #"{"model":"\#(model)","max_tokens":64,"stream":\#(stream),"messages":[{"role":"user","content":"hi"}]\#(extra)}"#
    }

    static func openAI(model: String, stream: Bool = false) -> String {
        #"{"model":"\#(model)","stream":\#(stream),"messages":[{"role":"user","content":"hi"}]}"#
    }

    /// A real Claude Code request (tools, system blocks, metadata), with `model` set.
    static func claudeCodeFixture() throws -> [UInt8] {
        // Tests/Fixtures/claude-code, from this file (Tests/RouterRuntimeTests/Support/).
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/claude-code/02-bash-tool-loop-turn1.json")
        guard let data = FileManager.default.contents(atPath: url.path),
              let capture = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let body = capture["body"]
        else {
            throw MissingFixture(path: url.path)
        }
        return Array(try JSONSerialization.data(withJSONObject: body, options: [.withoutEscapingSlashes]))
    }
}

/// A capture the tests need is absent or unreadable: the test fails and names the file.
struct MissingFixture: Error, CustomStringConvertible {
    let path: String
    var description: String { "missing or malformed Claude Code capture \(path)" }
}
