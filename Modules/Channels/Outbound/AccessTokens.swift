import Foundation

/// OAuth access tokens obtained from provider token endpoints (Amazon LWA, eBay, Walmart), kept until shortly before they
/// expire. Keyed by endpoint and client, so instances that share an app share its application token.
public actor AccessTokens {
    private var tokens: [String: (token: String, expires: Date)] = [:]

    public init() {}

    /// A cached token for `key`, or one obtained by posting `form` to `url` (with HTTP basic client authentication
    /// when `basic` is given). The answer is `{access_token, expires_in}`.
    func token(
        key: String, url: String, form: [(String, String)], basic: (id: String, secret: String)?, via http: ChannelHTTP,
        throttle: ThrottleKey
    ) async throws(ChannelCallError) -> String {
        if let cached = self.tokens[key], cached.expires > Date() { return cached.token }
        var headers: [(name: String, value: String)] = []
        if let basic { headers.append(ChannelRequest.basicAuthorization(user: basic.id, password: basic.secret)) }
        let answer = try await http.send(ChannelRequest(.POST, url, headers: headers, form: form), throttle: throttle).json()
        guard let token = answer["access_token"]?.nonEmptyText else { throw .malformed("the token endpoint returned no access_token") }
        let lifetime = Double(answer["expires_in"]?.int ?? 3600)
        self.tokens[key] = (token, Date().addingTimeInterval(max(0, lifetime - 60)))
        return token
    }
}
