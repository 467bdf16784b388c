import Foundation
import Kernel

/// eBay's notification public keys, fetched from `{apiBaseURL}/commerce/notification/v1/public_key/{kid}` with an
/// application token (client-credentials grant) and kept for the life of the process: eBay rotates by issuing new key ids.
public struct EbayNotificationKeys: SigningKeySource {
    static let limit = RateLimit(perSecond: 5, burst: 10)

    let apiBaseURL: String
    let credentials: ChannelCredentials
    let http: ChannelHTTP
    let cache: Cache

    /// Keys shared by every instance that talks to the same eBay environment.
    public actor Cache {
        var keys: [String: String] = [:]

        public init() {}

        func key(_ name: String) -> String? { self.keys[name] }
        func store(key: String, as name: String) { self.keys[name] = key }
    }

    public init(apiBaseURL: String, credentials: ChannelCredentials, http: ChannelHTTP, cache: Cache) {
        self.apiBaseURL = apiBaseURL
        self.credentials = credentials
        self.http = http
        self.cache = cache
    }

    public func publicKey(kid: String) async throws -> String {
        let name = "\(self.apiBaseURL)|\(kid)"
        if let key = await self.cache.key(name) { return key }
        let clientID = try self.credentials.required("client_id")
        let throttle = ThrottleKey(instance: "ebay-application|\(self.apiBaseURL)|\(clientID)", operation: "notification", limit: Self.limit)
        let token = try await self.http.tokens.token(
            url: "\(self.apiBaseURL)/identity/v1/oauth2/token",
            form: [("grant_type", "client_credentials"), ("scope", "https://api.ebay.com/oauth/api_scope")],
            basic: (clientID, try self.credentials.required("client_secret")), via: self.http, throttle: throttle)
        let answer = try await self.http.send(
            ChannelRequest(
                .GET, "\(self.apiBaseURL)/commerce/notification/v1/public_key/\(URLQuery.escape(kid))",
                headers: [("Authorization", "Bearer \(token)")]),
            throttle: throttle
        ).json()
        guard let key = answer["key"]?.nonEmptyText else { throw ChannelCallError.malformed("the public key answer has no key") }
        await self.cache.store(key: key, as: name)
        return key
    }
}
