import RouteModel

/// The router's `limits:` one by one, written as `routes.yaml` writes them.
enum LimitsDiff {
    static func compare(_ before: RouterLimits, _ after: RouterLimits, into changes: inout ChangeList) {
        for (was, now) in zip(entries(before), entries(after)) where was.value != now.value {
            changes.add(.limits, .changed, now.key, "\(DiffWording.code(now.key)): \(DiffWording.change(was.value, now.value))")
        }
    }

    private static func entries(_ limits: RouterLimits) -> [(key: String, value: String)] {
        [
            ("connect_timeout", DiffWording.duration(limits.connectTimeoutMS)),
            ("first_byte_timeout", DiffWording.duration(limits.firstByteTimeoutMS)),
            ("idle_timeout", DiffWording.duration(limits.idleTimeoutMS)),
            ("request_timeout", DiffWording.duration(limits.requestTimeoutMS)),
            ("max_attempts", String(limits.maxAttempts)),
            ("retry_backoff", DiffWording.duration(limits.retryBackoffMS)),
            ("cooldown_after_failures", String(limits.cooldownAfterFailures)),
            ("cooldown", DiffWording.duration(limits.cooldownMS)),
            ("max_body", DiffWording.size(limits.maxBodyBytes)),
            ("shutdown_grace", DiffWording.duration(limits.shutdownGraceMS)),
            ("header_timeout", DiffWording.duration(limits.headerTimeoutMS)),
            ("body_timeout", DiffWording.duration(limits.bodyTimeoutMS)),
            ("max_header_bytes", DiffWording.size(limits.maxHeaderBytes)),
            ("max_headers", String(limits.maxHeaderCount)),
        ]
    }
}
