import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import RouteModel
import Translators

/// Runs one attempt: one target, one credential, one upstream exchange up to the point where
/// the router knows whether the client will see this answer (the head, and for a stream its
/// first content).
///
/// The request body goes through ``RequestTranslator`` for the upstream's protocol and the
/// answer through ``ResponseTranslator`` / ``StreamTranslator`` back into the client's, so the
/// rest of the request path never looks at formats.
struct AttemptExecutor: Sendable {
    let table: RouteTable
    let credentials: ProviderCredentials
    let http: HTTPClient

    /// Largest non-streaming upstream body the router holds in memory.
    static let maxCompleteBodyBytes = 64 * 1024 * 1024
    /// Largest upstream error body read for its message.
    static let maxErrorBodyBytes = 1024 * 1024

    /// `deadline` is the request's: the wait for the response head never runs past it.
    func attempt(
        _ target: TargetSpec, credential: UpstreamCredential, for inbound: InboundRequest, deadline: ContinuousClock.Instant
    ) async -> AttemptOutcome {
        let provider = table.providers[target.provider]
        let limits = table.limits
        var context = UpstreamContext(
            target: target, provider: provider, inboundModel: inbound.model, sessionID: inbound.features.sessionID,
            created: Int(Date().timeIntervalSince1970)
        )
        let request: HTTPClientRequest
        let translated: TranslatedRequest
        do {
            translated = try translate(inbound, to: provider, context: context)
            context.structuredOutputTool = translated.structuredOutputTool
            request = makeRequest(body: translated.body, target: target, credential: credential, inbound: inbound)
        } catch {
            // The client's body cannot be expressed for this upstream: the client's problem.
            return .failure(AttemptFailure(error, target: target.name, retryable: false))
        }

        let response: HTTPClientResponse
        do {
            let remaining = deadline - .now
            let firstByte = Duration.milliseconds(limits.firstByteTimeoutMS)
            response = try await http.execute(request, timeout: .init(min(firstByte, max(remaining, .milliseconds(1)))))
        } catch {
            let failure = Self.classify(error, target: target.name)
            return .failure(AttemptFailure(failure, target: target.name))
        }

        let status = Int(response.status.code)
        let record = AttemptRecord(target: target.name, status: status)
        let reader = UpstreamBodyReader(body: response.body)
        let contentType = response.headers.first(name: "content-type")

        guard (200..<300).contains(status) else {
            let body = (try? await reader.collect(upTo: Self.maxErrorBodyBytes)) ?? ByteBuffer()
            let summary = UpstreamErrorReader.summarize(status: status, contentType: contentType, body: body)
            let error = RouterError.upstreamFailed(target: target.name, status: status, errorType: summary.type, message: summary.message)
            return .failure(AttemptFailure(
                error: error, record: record,
                retryable: FailureClassifier.isRetryable(status: status, errorType: summary.type, message: summary.message),
                scope: FailureClassifier.scope(status: status),
                retryAfter: RetryAfter.delay(response.headers.first(name: "retry-after"))
            ))
        }

        if contentType?.lowercased().hasPrefix("text/event-stream") == true {
            let translator = StreamTranslator(
                from: provider.wireProtocol, to: inbound.format, context: context, includeUsage: translated.includeUsage,
                estimatedInputTokens: inbound.features.estimatedInputTokens, messageID: "msg_" + inbound.requestID,
                dropsUsageChunks: translated.dropsUsageChunks
            )
            return await open(stream: reader, translator: translator, status: status, headers: response.headers, target: target)
        }
        let body: ByteBuffer
        do {
            body = try await reader.collect(upTo: Self.maxCompleteBodyBytes)
        } catch {
            let failure = Self.bodyFailure(error, target: target.name)
            return .failure(AttemptFailure(failure, target: target.name))
        }
        let upstreamBytes = Array(body.readableBytesView)
        do {
            let translated = try ResponseTranslator.translateReadingUsage(upstreamBytes, from: provider.wireProtocol, to: inbound.format, context: context)
            return .reply(.complete(status: status, headers: response.headers, body: ByteBuffer(bytes: translated.body), usage: translated.usage), record)
        } catch {
            let failure = RouterError.upstreamUnreadable(target: target.name, detail: error.description)
            return .failure(AttemptFailure(failure, target: target.name))
        }
    }

    /// The request body in the upstream's protocol.
    private func translate(
        _ inbound: InboundRequest, to provider: ProviderSpec, context: UpstreamContext
    ) throws(RouterError) -> TranslatedRequest {
        do {
            return try RequestTranslator.translate(inbound.peek, body: inbound.body, from: inbound.format, to: provider.wireProtocol, context: context)
        } catch {
            throw .invalidRequest(error.description)
        }
    }

    /// Reads a 200 stream up to its first event in the client's format (or its end); an error
    /// there is an attempt failure the loop can still fall back from, since the client has seen
    /// nothing. The first event is sent at once (TTFT), so an error after it ends the stream.
    private func open(
        stream reader: UpstreamBodyReader, translator: StreamTranslator, status: Int, headers: HTTPHeaders, target: TargetSpec
    ) async -> AttemptOutcome {
        var translator = translator
        var opening: [UInt8] = []
        do {
            while opening.isEmpty, !translator.isFinished {
                guard let chunk = try await reader.next() else {
                    opening += translator.finish()
                    break
                }
                opening += translator.feed(chunk.readableBytesView)
            }
        } catch {
            let failure = Self.bodyFailure(error, target: target.name)
            return .failure(AttemptFailure(failure, target: target.name))
        }
        if let failure = translator.failure {
            // The upstream's own error type (overload is a 529 in the attempts header); none for a cut.
            let type = failure.kind == .upstreamError ? failure.anthropicType : nil
            let error = RouterError.upstreamStreamError(target: target.name, errorType: type, message: failure.message)
            return .failure(AttemptFailure(error, target: target.name))
        }
        let stream = UpstreamStream(status: status, headers: headers, opening: opening, reader: reader, translator: translator)
        return .reply(.stream(stream), AttemptRecord(target: target.name, status: status))
    }

    private func makeRequest(
        body: [UInt8], target: TargetSpec, credential: UpstreamCredential, inbound: InboundRequest
    ) -> HTTPClientRequest {
        let provider = table.providers[target.provider]
        var url = (credential.baseURL ?? provider.baseURL) + inbound.endpoint.upstreamPath(for: provider.wireProtocol)
        // The query belongs to the client's protocol (`beta=true`); another protocol has no use for it.
        if inbound.format == provider.wireProtocol, let query = inbound.query, !query.isEmpty { url += "?" + query }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers = HeaderPolicy.upstreamHeaders(
            inbound: inbound.headers, provider: provider, credentials: credentials.providers[target.provider],
            key: credential.secret
        )
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
            // The short form: the long one carries associated values, which for header
            // validation errors are the header values themselves (the provider key included).
            default: return .upstreamUnreachable(target: target, detail: error.shortDescription)
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
