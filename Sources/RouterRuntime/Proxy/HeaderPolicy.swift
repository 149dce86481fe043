import HTTPTypes
import NIOHTTP1
import RouteModel

/// Which inbound headers go upstream, and which upstream headers come back to the client.
///
/// Client credentials and hop-by-hop headers never cross the router; the provider's
/// credentials are added instead. `anthropic-*` headers only go to Anthropic-protocol upstreams,
/// and `anthropic-beta` loses the values the provider rejects.
enum HeaderPolicy {
    /// Default `anthropic-version` for Anthropic-protocol upstreams when the client sent none.
    static let defaultAnthropicVersion = "2023-06-01"

    /// Headers that describe one connection, not the message (RFC 9110 §7.6.1), plus the ones
    /// the router sets itself.
    private static let neverForwarded: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "proxy-authorization", "proxy-authenticate",
        "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length",
        // The router already read the whole body; an upstream must not wait to be asked for it.
        "expect",
        // The relay reads upstream bodies (SSE framing, error detection), so it asks for identity;
        // and it forwards the request body decoded (``ContentDecoding``).
        "accept-encoding", "content-encoding",
        // The client's own credentials: the provider gets the router's.
        "authorization", "x-api-key", "cookie",
    ]

    /// The upstream request headers for one attempt.
    static func upstreamHeaders(
        inbound: HTTPFields, provider: ProviderSpec, credentials: ProviderCredentials.Entry, key: String?
    ) -> HTTPHeaders {
        let connectionListed = connectionTokens(inbound)
        var out = HTTPHeaders()
        var betas: [Substring] = []
        var sawVersion = false
        for field in inbound {
            let name = field.name.canonicalName
            if neverForwarded.contains(name) || connectionListed.contains(name) || name.hasPrefix("x-router-") { continue }
            if name.hasPrefix("anthropic-") {
                guard provider.wireProtocol == .anthropic else { continue }
                if name == "anthropic-beta" {
                    betas.append(contentsOf: field.value.split(separator: ","))
                    continue
                }
                if name == "anthropic-version" { sawVersion = true }
            }
            out.add(name: name, value: field.value)
        }
        if provider.wireProtocol == .anthropic {
            if !sawVersion { out.add(name: "anthropic-version", value: defaultAnthropicVersion) }
            if let beta = filteredBetas(betas, rejected: provider.quirks.rejectedBetas) {
                out.add(name: "anthropic-beta", value: beta)
            }
        }
        if !out.contains(name: "content-type") { out.add(name: "content-type", value: "application/json") }
        for header in credentials.extraHeaders { out.replaceOrAdd(name: header.name, value: header.value) }
        if let key {
            switch provider.auth {
            case .xApiKey: out.replaceOrAdd(name: "x-api-key", value: key)
            case .bearer, .oauth: out.replaceOrAdd(name: "authorization", value: "Bearer \(key)")
            case .none: break
            }
        }
        return out
    }

    /// The comma-joined betas minus the rejected ones (`*` rejects all); nil when none remain.
    static func filteredBetas(_ values: [Substring], rejected: [String]) -> String? {
        if rejected.contains("*") { return nil }
        let kept = values.map { String($0).trimmingSpaces() }.filter { !$0.isEmpty && !rejected.contains($0) }
        return kept.isEmpty ? nil : kept.joined(separator: ",")
    }

    /// Upstream response headers worth passing to the client: not hop-by-hop, not framing (the
    /// router frames its own response), not the upstream's request id (the router's replaces it).
    static func clientHeaders(fromUpstream upstream: HTTPHeaders) -> HTTPFields {
        var out = HTTPFields()
        for (name, value) in upstream {
            let lower = name.lowercased()
            if neverForwarded.contains(lower) || lower == "content-encoding" || lower == "date" || lower == "server"
                || lower == "request-id" || lower == "x-request-id" || lower == "set-cookie" || lower.hasPrefix("x-router-")
            {
                continue
            }
            if let fieldName = HTTPField.Name(name) { out.append(HTTPField(name: fieldName, value: value)) }
        }
        return out
    }

    /// Header names the client listed in `Connection`, which are hop-by-hop too.
    private static func connectionTokens(_ headers: HTTPFields) -> Set<String> {
        var tokens: Set<String> = []
        for value in headers[values: .connection] {
            for token in value.split(separator: ",") { tokens.insert(String(token).trimmingSpaces().lowercased()) }
        }
        return tokens
    }
}
