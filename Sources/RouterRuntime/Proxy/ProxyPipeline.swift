import HTTPTypes
import Hummingbird
import NIOCore
import OAuth
import RouteModel
import Translators

/// The attempt loop: tries the decision's targets in order, each with the keys of its pool,
/// until one answers in a way the client should see, then turns that answer into the response.
///
/// Before the first byte reaches the client a retryable failure moves on: a refused or rate
/// limited key to the pool's next key, anything else to the next target. Every failure counts
/// against its (provider, model, key) in the ``CooldownBook``; cooling entries are skipped.
/// When a pass over the list has failed and attempts remain, the next pass waits a jittered
/// backoff, or until the first cooling entry clears (an upstream's `Retry-After`), as long as
/// that is inside the request's deadline.
struct ProxyPipeline: Sendable {
    let executor: AttemptExecutor
    let table: RouteTable
    let credentials: ProviderCredentials
    let cooldowns: CooldownBook
    let concurrency: ProviderConcurrencyLimiter
    let oauth: TokenManager?
    let completion: RequestCompletion

    private var limits: RouterLimits { table.limits }

    func run(_ inbound: InboundRequest, attempts targets: [TargetSpec], record: RequestRecord) async -> Response {
        var loop = AttemptLoopState(record: record, budget: max(1, limits.maxAttempts),
                                    deadline: record.started + .milliseconds(limits.requestTimeoutMS))
        let backoff = Backoff(base: .milliseconds(max(1, limits.retryBackoffMS)))
        var pass = 0
        while loop.budget > 0 {
            var pending: [ContinuousClock.Instant] = []
            var tried = false
            for target in targets {
                for slot in slots(of: target) {
                    guard loop.budget > 0, ContinuousClock.now < loop.deadline else { break }
                    if Task.isCancelled { return fail(.clientClosedRequest, inbound: inbound, record: loop.record) }
                    let key = CooldownBook.Key(provider: target.provider, model: target.model, key: slot)
                    if loop.refused.contains(key) { continue }
                    if case .cooling(let until) = cooldowns.admit(key, now: .now) {
                        pending.append(until)
                        continue
                    }
                    tried = true
                    loop.record.target = target.name
                    switch await attempt(target, slot: slot, inbound: inbound, loop: &loop) {
                    case .reply(let reply, let attempt):
                        loop.record.attempts.append(attempt)
                        cooldowns.recordSuccess(key)
                        return respond(reply, inbound: inbound, record: loop.record)
                    case .failure(let failure):
                        loop.record.attempts.append(failure.record)
                        loop.lastFailure = Task.isCancelled ? .clientClosedRequest : failure.error
                        loop.note(failure.error, provider: target.provider)
                        guard failure.retryable, !Task.isCancelled else {
                            return fail(loop.lastFailure, inbound: inbound, record: loop.record)
                        }
                        count(failure, against: key, loop: &loop)
                        if failure.nextKeyMayHelp { continue }
                    }
                    break
                }
            }
            if !tried, loop.record.attempts.isEmpty, let earliest = pending.min() {
                return fail(.allTargetsCooling(retryAfterSeconds: Self.seconds(until: earliest)), inbound: inbound, record: loop.record)
            }
            guard loop.budget > 0, let wait = nextPassDelay(pass: pass, tried: tried, pending: pending, backoff: backoff, loop: loop)
            else { break }
            pass += 1
            do { try await EventLoopWait.wait(for: wait, on: executor.http.eventLoopGroup.any()) } catch { return fail(.clientClosedRequest, inbound: inbound, record: loop.record) }
        }
        return fail(loop.finalFailure(table: table, credentials: credentials), inbound: inbound, record: loop.record)
    }

    /// One attempt with the credential of `slot`; for OAuth providers a 401 refreshes the token
    /// once and tries again.
    private func attempt(_ target: TargetSpec, slot: Int, inbound: InboundRequest, loop: inout AttemptLoopState) async -> AttemptOutcome {
        let provider = table.providers[target.provider]
        let permit: RateLimitPermit
        switch concurrency.acquire(provider: provider.name) {
        case .success(let granted): permit = granted
        case .failure(let rejection):
            // Counted as an attempt (it is one in the attempts header) so that a busy provider
            // is retried a bounded number of times, not until the deadline.
            loop.budget -= 1
            return .failure(AttemptFailure(.rateLimited(rejection), target: target.name, scope: .none))
        }
        guard case .oauth = provider.auth, let oauth else {
            guard let credential = keyCredential(target, slot: slot) else {
                permit.finish()
                let entry = credentials.providers[target.provider]
                let error = RouterError.missingCredentials(provider: provider.name, envNames: entry.missingNames)
                return .failure(AttemptFailure(error, target: target.name, scope: .none))
            }
            loop.budget -= 1
            return holding(permit, await executor.attempt(target, credential: credential, for: inbound, deadline: loop.deadline), record: &loop.record)
        }
        var token: OAuthCredential
        do {
            token = try await oauth.accessToken(for: provider.name)
        } catch {
            permit.finish()
            guard error.requiresLogin else {
                // The authorization server failed, not the account: another try may work.
                loop.budget -= 1
                let failure = RouterError.upstreamUnreachable(target: "\(provider.name) token endpoint", detail: error.description)
                return .failure(AttemptFailure(failure, target: target.name, scope: .none))
            }
            let failure = RouterError.missingCredentials(provider: provider.name, envNames: [])
            return .failure(AttemptFailure(failure, target: target.name, scope: .none))
        }
        var outcome = AttemptOutcome.failure(AttemptFailure(.internalFailure("no OAuth attempt ran"), target: target.name))
        for refresh in 0..<2 where loop.budget > 0 {
            loop.budget -= 1
            let credential = UpstreamCredential(slot: 0, secret: token.accessToken.exposed, baseURL: token.apiBaseURL)
            outcome = await executor.attempt(target, credential: credential, for: inbound, deadline: loop.deadline)
            guard refresh == 0, case .failure(let failure) = outcome, failure.record.status == 401, loop.budget > 0 else { break }
            guard let refreshed = try? await oauth.reportUnauthorized(token) else { break }
            loop.record.attempts.append(failure.record)
            token = refreshed
        }
        return holding(permit, outcome, record: &loop.record)
    }

    /// A reply keeps the provider slot until the response is over; a failure frees it now.
    private func holding(_ permit: RateLimitPermit, _ outcome: AttemptOutcome, record: inout RequestRecord) -> AttemptOutcome {
        if case .reply = outcome { record.permits.append(permit) } else { permit.finish() }
        return outcome
    }

    /// The key slots of a target's provider, starting at the pool's rotation point.
    private func slots(of target: TargetSpec) -> [Int] {
        let pool = credentials.providers[target.provider].keys
        guard pool.keys.count > 1 else { return [0] }
        let start = pool.nextSlot()
        return (0..<pool.keys.count).map { (start + $0) % pool.keys.count }
    }

    private func keyCredential(_ target: TargetSpec, slot: Int) -> UpstreamCredential? {
        let entry = credentials.providers[target.provider]
        switch entry.auth {
        case .none: return UpstreamCredential(slot: 0, secret: nil)
        case .xApiKey, .bearer, .oauth:
            guard entry.isUsable, slot < entry.keys.keys.count else { return nil }
            return UpstreamCredential(slot: slot, secret: entry.keys.keys[slot])
        }
    }

    /// Counts a failure in the cooldown book; a refused key is not tried again in this request.
    private func count(_ failure: AttemptFailure, against key: CooldownBook.Key, loop: inout AttemptLoopState) {
        switch failure.scope {
        case .none:
            // No credentials will not appear later in this request; a busy provider may free up.
            if case .missingCredentials = failure.error { loop.refused.insert(key) }
        case .key:
            loop.refused.insert(key)
            cooldowns.recordFailure(CooldownBook.Key(provider: key.provider, model: nil, key: key.key), retryAfter: failure.retryAfter, now: .now)
        case .keyAndModel, .target:
            cooldowns.recordFailure(key, retryAfter: failure.retryAfter, now: .now)
        }
        if let wait = failure.retryAfter {
            let until = ContinuousClock.now + wait
            loop.retryAfterUntil = max(loop.retryAfterUntil ?? until, until)
        }
    }

    /// How long to wait before another pass, nil when none fits the deadline or none can help.
    ///
    /// When everything left is cooling, the request waits only for a cooldown an upstream asked
    /// for in this request (`Retry-After`) and only inside the deadline; a cooldown the router
    /// imposed after repeated failures is not waited out, the caller gets the failure now.
    private func nextPassDelay(
        pass: Int, tried: Bool, pending: [ContinuousClock.Instant], backoff: Backoff, loop: AttemptLoopState
    ) -> Duration? {
        let now = ContinuousClock.now
        let remaining = loop.deadline - now
        guard remaining > .zero else { return nil }
        if tried { return backoff.delay(retry: pass, draw: Double.random(in: 0..<1), remaining: remaining) }
        guard let earliest = pending.min(), earliest < loop.deadline,
              let asked = loop.retryAfterUntil, earliest <= asked + .milliseconds(50)
        else { return nil }
        return max(earliest - now, .milliseconds(1))
    }

    private static func seconds(until instant: ContinuousClock.Instant) -> Int {
        let (seconds, attoseconds) = (instant - .now).components
        return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }

    private func respond(_ reply: UpstreamReply, inbound: InboundRequest, record: RequestRecord) -> Response {
        var record = record
        switch reply {
        case .complete(let status, let upstreamHeaders, let body, let usage):
            var headers = HeaderPolicy.clientHeaders(fromUpstream: upstreamHeaders)
            ResponseFactory.stamp(&headers, requestID: inbound.requestID, target: record.target, attempts: record.attempts)
            record.status = status
            record.bytesOut = body.readableBytes
            record.usage = usage
            completion.finish(record)
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: body))
        case .stream(let stream):
            var headers = HeaderPolicy.clientHeaders(fromUpstream: stream.headers)
            headers[.cacheControl] = "no-cache"
            ResponseFactory.stamp(&headers, requestID: inbound.requestID, target: record.target, attempts: record.attempts)
            record.status = stream.status
            record.stream = true
            let relay = StreamRelay(stream: stream, target: record.target ?? "-", completion: completion)
            return Response(status: .init(code: stream.status), headers: headers, body: relay.body(record: record))
        }
    }

    private func fail(_ error: RouterError, inbound: InboundRequest, record: RequestRecord) -> Response {
        var record = record
        record.fail(with: error)
        completion.finish(record)
        return ResponseFactory.error(
            error, format: inbound.format, requestID: inbound.requestID, target: record.target, attempts: record.attempts
        )
    }
}

/// What the attempt loop carries from one attempt to the next.
struct AttemptLoopState {
    var record: RequestRecord
    /// Attempts still allowed (`limits.max_attempts` in all).
    var budget: Int
    let deadline: ContinuousClock.Instant
    var lastFailure: RouterError = .internalFailure("no target to try")
    /// Keys the provider refused (401/403) during this request: not tried again in it.
    var refused: Set<CooldownBook.Key> = []
    /// The latest time an upstream's `Retry-After` in this request asked to wait until.
    var retryAfterUntil: ContinuousClock.Instant?
    /// Providers passed over for lack of credentials, in attempt order.
    var uncredentialed: [Int] = []
    /// Whether any attempt failed for another reason than missing credentials.
    var otherFailure = false

    mutating func note(_ error: RouterError, provider: Int) {
        if case .missingCredentials = error {
            if !uncredentialed.contains(provider) { uncredentialed.append(provider) }
        } else {
            otherFailure = true
        }
    }

    /// What the caller gets when nothing served. When every attempt lacked credentials, the
    /// last attempt's variable alone would mislead (a first run without keys): name every
    /// variable and login that would let any target of the list serve.
    func finalFailure(table: RouteTable, credentials: ProviderCredentials) -> RouterError {
        guard !otherFailure, uncredentialed.count > 1 else { return lastFailure }
        var envNames: [String] = []
        var logins: [String] = []
        for provider in uncredentialed {
            if table.providers[provider].auth == .oauth {
                logins.append(table.providers[provider].name)
            } else {
                envNames += credentials.providers[provider].missingNames.filter { !envNames.contains($0) }
            }
        }
        return .noCredentials(envNames: envNames, logins: logins)
    }
}
