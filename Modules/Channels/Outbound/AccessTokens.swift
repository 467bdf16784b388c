import Crypto
import Foundation
import Kernel

/// OAuth access tokens obtained from provider token endpoints (Amazon LWA, eBay, Walmart), kept until shortly before they
/// expire. A token is keyed by a hash of the whole request that obtained it (endpoint, form, client credentials), so
/// only a caller presenting the same secrets gets it back: instances sharing an app (same id and secret) share its
/// application token, a wrong secret or a new refresh token always asks the provider.
public actor AccessTokens {
    private var tokens: [String: (token: String, expires: Date)] = [:]

    public init() {}

    /// A cached token, or one obtained by posting `form` to `url` (with HTTP basic client authentication when `basic`
    /// is given). The answer is `{access_token, expires_in}`.
    func token(
        url: String, form: [(String, String)], basic: (id: String, secret: String)?, via http: ChannelHTTP, throttle: ThrottleKey
    ) async throws(ChannelCallError) -> String {
        let key = Self.key(url: url, form: form, basic: basic)
        if let cached = self.tokens[key], cached.expires > Date() { return cached.token }
        var headers: [(name: String, value: String)] = []
        if let basic { headers.append(ChannelRequest.basicAuthorization(user: basic.id, password: basic.secret)) }
        let answer = try await http.send(ChannelRequest(.POST, url, headers: headers, form: form), throttle: throttle).json()
        guard let token = answer["access_token"]?.nonEmptyText else { throw .malformed("the token endpoint returned no access_token") }
        let lifetime = Double(answer["expires_in"]?.int ?? 3600)
        self.tokens[key] = (token, Date().addingTimeInterval(max(0, lifetime - 60)))
        return token
    }

    private static func key(url: String, form: [(String, String)], basic: (id: String, secret: String)?) -> String {
        let parts = [url] + form.flatMap { [$0.0, $0.1] } + (basic.map { [$0.id, $0.secret] } ?? [])
        let digest = SHA256.hash(data: Data(parts.map { "\($0.utf8.count):\($0)" }.joined().utf8))
        return Hex.encode(digest)
    }
}
