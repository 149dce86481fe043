/// The fake server's behaviour, from its flags.
struct ServerOptions: Sendable {
    let accessTTL: Double
    let deviceTTL: Double
    let deviceInterval: Double
    let clientID: String
    let clientSecret: String
    let resourceURL: String?
    let refreshDelay: Duration
    /// RFC 8628 §3.5: each `slow_down` adds five seconds to the interval.
    let slowDownIncrement: Double = 5
    let codeTTL: Double = 60
}
