import Kernel

/// TikTok Shop's authorization: `services.tiktokshop.com/open/authorize` with the app's `service_id` (connection setting),
/// answered at the redirect URL registered for the app with `code` and `state`; the code is exchanged at
/// `auth.tiktok-shops.com/api/v2/token/get` (`grant_type=authorized_code`), and the authorized shop's cipher is read from
/// Get Authorized Shops.
extension TikTokChannel: ChannelAuthorization {
    static let defaultConsentURL = "https://services.tiktokshop.com/open/authorize"
    static let defaultTokenURL = "https://auth.tiktok-shops.com/api/v2/token/get"

    public func consentURL(_ request: ConsentRequest) throws(ChannelCallError) -> String {
        let connection = self.context.connection
        return URLQuery.appending(
            [("service_id", try connection.setting("service_id")), ("state", request.state)],
            to: connection.endpoint("authorize_url", default: Self.defaultConsentURL))
    }

    public func redeem(_ callback: AuthorizationCallback, callbackURL: String) async throws(ChannelCallError) -> AuthorizationGrant {
        let code = try self.consented(callback, "code")
        let connection = self.context.connection
        let query = [
            ("app_key", try connection.credential("app_key")), ("app_secret", try connection.credential("app_secret")), ("auth_code", code),
            ("grant_type", "authorized_code"),
        ]
        let answer = try await self.tokenGrant(
            ChannelRequest(.GET, URLQuery.appending(query, to: connection.endpoint("token_url", default: Self.defaultTokenURL))))
        let data: JSONValue
        do throws(ChannelCallError) {
            data = try Self.data(of: answer)
        } catch {
            guard case .rejected(_, let message) = error else { throw error }
            throw .authorizationRefused(message)
        }
        guard let token = data["access_token"]?.nonEmptyText else { throw .malformed("token/get returned no access_token") }
        let shops = try await self.signed(.GET, "/authorization/\(Self.apiVersion)/shops", [], body: nil, token: token)
        guard let cipher = shops["shops"]?.arrayValue?.first?["cipher"]?.nonEmptyText else {
            throw .authorizationRefused("the seller authorized no shop")
        }
        var credentials = ["access_token": token, "shop_cipher": cipher]
        if let refreshToken = data["refresh_token"]?.nonEmptyText { credentials["refresh_token"] = refreshToken }
        var settings: [String: String] = [:]
        if let seller = data["seller_name"]?.nonEmptyText { settings["seller_name"] = seller }
        return AuthorizationGrant(credentials: credentials, settings: settings)
    }
}
