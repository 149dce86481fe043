import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import RouteModel
import Translators

/// Runs one attempt: one target, one key, one upstream exchange up to the point where the
/// router knows whether the client will see this answer (the head, and for a stream its first
/// event).
struct AttemptExecutor: Sendable {
    let table: RouteTable
    let credentials: ProviderCredentials
    let http: HTTPClient

    /// Largest non-streaming upstream body the router holds in memory.
    static let maxCompleteBodyBytes = 64 * 1024 * 1024
    /// Largest upstream error body read for its message.
    static let maxErrorBodyBytes = 1024 * 1024

    func attempt(_ target: TargetSpec, for inbound: InboundRequest) async -> AttemptOutcome {
        let provider = table.providers[target.provider]
        let entry = credentials.providers[target.provider]
        let limits = table.limits
        do {
            _ = try TranslationPlan.plan(inbound: inbound.format, provider: provider)
        } catch {
            return .failure(error, AttemptRecord(target: target.name, status: error.descriptor.status), retryable: true)
        }
        guard entry.isUsable else {
            let error = RouterError.missingCredentials(provider: provider.name, envNames: entry.missingNames)
            return .failure(error, AttemptRecord(target: target.name, status: 503), retryable: true)
        }

        let request: HTTPClientRequest
        do {
            request = try makeRequest(target: target, provider: provider, entry: entry, inbound: inbound)
        } catch {
            return .failure(error, AttemptRecord(target: target.name, status: error.descriptor.status), retryable: false)
        }

        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: .milliseconds(Int64(limits.firstByteTimeoutMS)))
        } catch {
            let failure = Self.classify(error, target: target.name)
            return .failure(failure, AttemptRecord(target: target.name, status: failure.descriptor.status), retryable: true)
        }

        let status = Int(response.status.code)
        let record = AttemptRecord(target: target.name, status: status)
        let reader = UpstreamBodyReader(body: response.body, idleTimeout: .milliseconds(limits.idleTimeoutMS))
        let contentType = response.headers.first(name: "content-type")

        guard (200..<300).contains(status) else {
            let body = (try? await reader.collect(upTo: Self.maxErrorBodyBytes)) ?? ByteBuffer()
            let summary = UpstreamErrorReader.summarize(status: status, contentType: contentType, body: body)
            let error = RouterError.upstreamFailed(target: target.name, status: status, errorType: summary.type, message: summary.message)
            return .failure(error, record, retryable: FailureClassifier.isRetryable(status: status))
        }

        if contentType?.lowercased().hasPrefix("text/event-stream") == true {
            return await open(stream: reader, status: status, headers: response.headers, target: target, format: provider.wireProtocol)
        }
        do {
            let body = try await reader.collect(upTo: Self.maxCompleteBodyBytes)
            return .reply(.complete(status: status, headers: response.headers, body: body), record)
        } catch {
            let failure = Self.bodyFailure(error, target: target.name)
            return .failure(failure, AttemptRecord(target: target.name, status: failure.descriptor.status), retryable: true)
        }
    }

    /// Reads a 200 stream up to its first complete event; an error there is an attempt failure.
    private func open(
        stream reader: UpstreamBodyReader, status: Int, headers: HTTPHeaders, target: TargetSpec, format: WireProtocol
    ) async -> AttemptOutcome {
        var framer = SSEFramer(format: format)
        var opening = ByteBuffer()
        do {
            while framer.eventCount == 0 {
                guard let chunk = try await reader.next() else {
                    let error = RouterError.upstreamStreamError(target: target.name, errorType: nil, message: "the stream ended before its first event")
                    return .failure(error, AttemptRecord(target: target.name, status: 502), retryable: true)
                }
                if var complete = framer.feed(chunk) { opening.writeBuffer(&complete) }
            }
        } catch {
            let failure = Self.bodyFailure(error, target: target.name)
            return .failure(failure, AttemptRecord(target: target.name, status: failure.descriptor.status), retryable: true)
        }
        if framer.sawError, let first = framer.firstEvent {
            let summary = UpstreamErrorReader.summarize(status: status, contentType: "text/event-stream", body: ByteBuffer(string: first.data))
            let error = RouterError.upstreamStreamError(target: target.name, errorType: summary.type, message: summary.message)
            return .failure(error, AttemptRecord(target: target.name, status: error.descriptor.status), retryable: true)
        }
        let stream = UpstreamStream(status: status, headers: headers, opening: opening, reader: reader, framer: framer)
        return .reply(.stream(stream), AttemptRecord(target: target.name, status: status))
    }

    private func makeRequest(
        target: TargetSpec, provider: ProviderSpec, entry: ProviderCredentials.Entry, inbound: InboundRequest
    ) throws(RouterError) -> HTTPClientRequest {
        var url = provider.baseURL + inbound.endpoint.upstreamPath
        if let query = inbound.query, !query.isEmpty { url += "?" + query }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers = HeaderPolicy.upstreamHeaders(
            inbound: inbound.headers, provider: provider, credentials: entry, key: entry.keys.next()
        )
        let body: [UInt8]
        if target.model == inbound.model {
            body = inbound.body
        } else {
            do {
                body = try ModelRewriter.rewrite(inbound.body, model: target.model)
            } catch {
                throw .invalidRequest(error.description)
            }
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }

    /// A failure before the response head.
    static func classify(_ error: any Error, target: String) -> RouterError {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return .upstreamTimeout(target: target, phase: .connect)
            case .deadlineExceeded: return .upstreamTimeout(target: target, phase: .firstByte)
            case .readTimeout: return .upstreamTimeout(target: target, phase: .idle)
            default: return .upstreamUnreachable(target: target, detail: "\(error)")
            }
        }
        if let error = error as? IOError {
            // Connection refused is the common case (nothing listening); say so plainly.
            let detail = error.errnoCode == ECONNREFUSED ? "connection refused" : "I/O error \(error.errnoCode)"
            return .upstreamUnreachable(target: target, detail: detail)
        }
        return .upstreamUnreachable(target: target, detail: String(describing: error))
    }

    /// A failure while reading a body the client has not seen yet.
    static func bodyFailure(_ error: UpstreamBodyReader.ReadError, target: String) -> RouterError {
        switch error {
        case .idle: .upstreamTimeout(target: target, phase: .idle)
        case .broken(let detail): .upstreamUnreachable(target: target, detail: "connection broke mid-response: \(detail)")
        }
    }
}
