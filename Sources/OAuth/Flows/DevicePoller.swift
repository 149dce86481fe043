import Foundation

/// Polls the token endpoint for a device login (RFC 8628 §3.4–3.5) until the user approves,
/// denies, or the code expires: waits `interval` before each poll and adds five seconds to it on
/// every `slow_down`.
struct DevicePoller: Sendable {
    let endpoint: TokenEndpoint
    static let slowDownIncrement: TimeInterval = 5

    func run(_ device: DeviceAuthorization) async throws(OAuthError) -> TokenSet {
        var interval = device.interval
        while true {
            do {
                try await Task.sleep(for: .milliseconds(Int64(interval * 1000)))
            } catch {
                throw .cancelled
            }
            if Date() >= device.expiresAt { throw .expired }
            switch try await endpoint.pollDevice(device) {
            case .granted(let tokens): return tokens
            case .pending: continue
            case .slowDown: interval += DevicePoller.slowDownIncrement
            }
        }
    }
}
