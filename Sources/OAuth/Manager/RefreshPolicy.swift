import Foundation

/// When an access token is due for a refresh: within the provider's lead time of expiry, but
/// never earlier than half-way through its life (tokens living seconds would otherwise be
/// refreshed on every request).
struct RefreshPolicy: Sendable {
    let lead: TimeInterval

    func isDue(_ tokens: TokenSet, now: Date) -> Bool {
        guard let expiresAt = tokens.expiresAt else { return false }
        let lifetime = expiresAt.timeIntervalSince(tokens.issuedAt)
        let effectiveLead = min(lead, max(lifetime, 0) / 2)
        return expiresAt.timeIntervalSince(now) <= effectiveLead
    }

    func isExpired(_ tokens: TokenSet, now: Date) -> Bool {
        guard let expiresAt = tokens.expiresAt else { return false }
        return expiresAt <= now
    }
}
