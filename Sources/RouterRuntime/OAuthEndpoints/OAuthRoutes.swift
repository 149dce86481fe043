import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OAuth

/// The router's OAuth endpoints over ``OAuthEndpointHandlers`` (all logic lives there):
///
/// - `GET /oauth/callback`: the authorization-code redirect (a browser lands here; it must not
///   require client auth).
/// - `POST /v1/oauth/{provider}/login` with optional `{"account": "A"}` → 201 `{flow_id, url,
///   user_code?, state, …}`.
/// - `GET /v1/oauth/flows/{id}` → `{state: pending|succeeded|failed, …}`.
/// - `GET /v1/oauth/accounts` → `{accounts: [{provider, account, state, expires_at?}]}`.
///
/// The callback goes on `callback` (open), the rest on `api` (behind client auth).
/// `callbackURL` gives the redirect URI for a login started by `request`; by default the
/// router's own `/oauth/callback` at the host the dashboard used.
public func addOAuthRoutes<Context: RequestContext>(
    callback: some RouterMethods<Context>, api router: some RouterMethods<Context>, handlers: OAuthEndpointHandlers,
    callbackURL: @escaping @Sendable (Request) -> String = defaultOAuthCallbackURL
) {
    callback.get("/oauth/callback") { request, _ in
        OAuthReplyResponse.make(await handlers.callback(query: request.uri.query ?? ""))
    }
    router.post("/v1/oauth/{provider}/login") { request, context in
        let provider = context.parameters.get("provider") ?? ""
        let body = try await request.body.collect(upTo: 16 * 1024)
        let reply = await handlers.start(provider: provider, body: Data(body.readableBytesView), redirectURI: callbackURL(request))
        return OAuthReplyResponse.make(reply)
    }
    router.get("/v1/oauth/flows/{id}") { _, context in
        OAuthReplyResponse.make(await handlers.poll(flowID: context.parameters.get("id") ?? ""))
    }
    router.get("/v1/oauth/accounts") { _, _ in
        OAuthReplyResponse.make(await handlers.accounts())
    }
}

/// `http://<host the request named>/oauth/callback`, loopback port 8787 when it named none.
@Sendable public func defaultOAuthCallbackURL(_ request: Request) -> String {
    "http://" + (request.head.authority ?? "127.0.0.1:8787") + "/oauth/callback"
}

/// An ``OAuthEndpointReply`` as a Hummingbird response.
public enum OAuthReplyResponse {
    public static func make(_ reply: OAuthEndpointReply) -> Response {
        Response(
            status: .init(code: reply.status),
            headers: [.contentType: reply.contentType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body))
        )
    }
}
