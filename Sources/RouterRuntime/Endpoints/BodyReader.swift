import HTTPTypes
import Hummingbird
import NIOCore

/// Reads a request body as it streams in, refusing it as soon as it passes the limit, and
/// decodes its `Content-Encoding` (the limit then applies to the decoded body too).
enum BodyReader {
    static func read(_ request: Request, limit: Int) async throws(RouterError) -> [UInt8] {
        let encoding = try ContentDecoding(headerValues: request.headers[values: .contentEncoding])
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw .bodyTooLarge(limit: limit)
        }
        var collected: [UInt8] = []
        do {
            for try await chunk in request.body {
                guard collected.count + chunk.readableBytes <= limit else { throw RouterError.bodyTooLarge(limit: limit) }
                collected.append(contentsOf: chunk.readableBytesView)
            }
        } catch let error as RouterError {
            throw error
        } catch let stalled as RequestBodyTimeout {
            throw .requestBodyTimeout(afterMS: Int(stalled.afterMS))
        } catch {
            throw .invalidRequest("the request body could not be read: \(error)")
        }
        return try encoding.decode(collected, limit: limit)
    }
}
