import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// An in-process Anthropic- and OpenAI-protocol upstream on loopback: records every request
/// byte for byte and answers from a per-model script (default: a well-formed reply).
final class TestUpstream: Sendable {
    struct Recorded: Sendable {
        let path: String
        let query: String?
        /// Lowercased names, in arrival order.
        let headers: [(name: String, value: String)]
        let body: [UInt8]
        /// When the request arrived.
        var arrived = ContinuousClock.now
        /// The same moment on the wall clock, to compare with times another process reports
        /// (a token's expiry at the fake authorization server).
        var receivedAt = Date()

        func header(_ name: String) -> String? {
            let values = headers.filter { $0.name == name }.map(\.value)
            return values.isEmpty ? nil : values.joined(separator: ",")
        }
    }

    enum Reply: Sendable {
        case json(status: Int, body: String, contentType: String = "application/json", headers: [String: String] = [:])
        /// SSE events (each complete, `\n\n`-terminated); waits on `gate` before event
        /// `gateBefore`; `cut` drops the connection after the events instead of ending cleanly.
        case sse(events: [String], gate: Gate? = nil, gateBefore: Int = 1, cut: Bool = false)
        /// `first`, then `repeating` until writing fails (the router cancelled the request).
        case endless(first: String, repeating: String)
        /// Holds the response head until `gate` opens, then answers the default reply.
        case stall(Gate)
    }

    private struct State {
        var recorded: [Recorded] = []
        var scripts: [String: [Reply]] = [:]
        var finishedStreams = 0
        var abortedStreams = 0
        var port = 0
        var task: Task<Void, any Error>?
    }

    private let state = Mutex(State())

    /// Replies for requests naming `model`, used in order; the last one repeats.
    func script(model: String, _ replies: Reply...) {
        state.withLock { $0.scripts[model] = replies }
    }

    var recorded: [Recorded] { state.withLock { $0.recorded } }
    var finishedStreams: Int { state.withLock { $0.finishedStreams } }
    var port: Int { state.withLock { $0.port } }
    var abortedStreams: Int { state.withLock { $0.abortedStreams } }

    static func start() async throws -> TestUpstream {
        let upstream = TestUpstream()
        let router = Router()
        for path in ["/v1/messages", "/v1/messages/count_tokens", "/v1/chat/completions"] {
            router.post(RouterPath(path)) { request, _ in try await upstream.answer(request) }
        }
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "test-upstream")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { portSink.yield($0.localAddress?.port ?? 0) }, logger: logger
        )
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        upstream.state.withLock {
            $0.port = port
            $0.task = task
        }
        return upstream
    }

    func stop() {
        state.withLock { $0.task }?.cancel()
    }

    private func answer(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024 * 1024)
        let bytes = Array(body.readableBytesView)
        let recorded = Recorded(
            path: request.uri.path, query: request.uri.query,
            headers: request.headers.map { ($0.name.canonicalName, $0.value) }, body: bytes
        )
        let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
        let model = object["model"] as? String ?? ""
        let stream = object["stream"] as? Bool ?? false
        let scripted: Reply? = state.withLock { state in
            state.recorded.append(recorded)
            guard var replies = state.scripts[model], !replies.isEmpty else { return nil }
            let next = replies.count > 1 ? replies.removeFirst() : replies[0]
            state.scripts[model] = replies
            return next
        }
        var reply = scripted ?? Self.defaultReply(path: request.uri.path, model: model, stream: stream)
        if case .stall(let gate) = reply {
            await gate.wait()
            reply = Self.defaultReply(path: request.uri.path, model: model, stream: stream)
        }
        return respond(reply)
    }

    private func respond(_ reply: Reply) -> Response {
        switch reply {
        case .stall:
            return respond(.json(status: 500, body: #"{"error":"a stall is answered in answer(_:)"}"#))
        case .json(let status, let body, let contentType, let extra):
            var headers = HTTPFields()
            headers[.contentType] = contentType
            for (name, value) in extra { if let field = HTTPField.Name(name) { headers[field] = value } }
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        case .sse(let events, let gate, let gateBefore, let cut):
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream"
            return Response(status: .ok, headers: headers, body: ResponseBody { [self] writer in
                for (index, event) in events.enumerated() {
                    if index == gateBefore, let gate { await gate.wait() }
                    try await writer.write(ByteBuffer(string: event))
                }
                if cut {
                    // Let the router read what was sent: a reset that overtakes unread bytes
                    // would discard them in the router's kernel and make the cut land earlier.
                    try await Task.sleep(for: .milliseconds(100))
                    throw CutStream()
                }
                self.state.withLock { $0.finishedStreams += 1 }
                try await writer.finish(nil)
            })
        case .endless(let first, let repeating):
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream"
            return Response(status: .ok, headers: headers, body: ResponseBody { [self] writer in
                do {
                    try await writer.write(ByteBuffer(string: first))
                    while true {
                        try await writer.write(ByteBuffer(string: repeating))
                        try await Task.sleep(for: .milliseconds(5))
                    }
                } catch {
                    self.state.withLock { $0.abortedStreams += 1 }
                    throw error
                }
            })
        }
    }

    struct CutStream: Error {}

    static func defaultReply(path: String, model: String, stream: Bool) -> Reply {
        if path.hasSuffix("count_tokens") { return .json(status: 200, body: #"{"input_tokens":42}"#) }
        if path.hasSuffix("chat/completions") {
            return stream ? .sse(events: openAIEvents(model: model)) : .json(status: 200, body: openAIMessage(model: model))
        }
        return stream ? .sse(events: anthropicEvents(model: model)) : .json(status: 200, body: anthropicMessage(model: model))
    }

    static func anthropicMessage(model: String) -> String {
        #"{"id":"msg_1","type":"message","role":"assistant","model":"\#(model)","content":[{"type":"text","text":"hello from upstream"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":3}}"#
    }

    static func anthropicEvents(model: String) -> [String] {
        [
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"\(model)\",\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":0}}}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hello \"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"world\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
        ]
    }

    static func openAIMessage(model: String) -> String {
        #"{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"\#(model)","choices":[{"index":0,"message":{"role":"assistant","content":"hello from upstream"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}"#
    }

    static func openAIEvents(model: String) -> [String] {
        [
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"\(model)\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"\(model)\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hello \"}}]}\n\n",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"\(model)\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"world\"},\"finish_reason\":\"stop\"}]}\n\n",
            "data: [DONE]\n\n",
        ]
    }
}
