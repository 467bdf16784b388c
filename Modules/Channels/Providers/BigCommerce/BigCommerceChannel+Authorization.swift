import Kernel

/// BigCommerce's app authorization: `login.bigcommerce.com/oauth2/authorize`, answered at the app's auth callback with
/// `code`, `scope`, `context` (`stores/{store_hash}`) and `state`; the code is exchanged at `login.bigcommerce.com/oauth2/token`
/// for the store's access token.
extension BigCommerceChannel: ChannelAuthorization {
    static let defaultConsentURL = "https://login.bigcommerce.com/oauth2/authorize"
    static let defaultTokenURL = "https://login.bigcommerce.com/oauth2/token"
    static let scopes = ["store_v2_orders", "store_v2_products", "store_inventory", "store_v2_information_read_only"]

    public static var consentCredentials: [String] { ["client_id", "client_secret"] }

    public func consentURL(_ request: ConsentRequest) throws(ChannelCallError) -> String {
        let connection = self.context.connection
        return URLQuery.appending(
            [
                ("client_id", try connection.credential("client_id")), ("redirect_uri", request.callbackURL), ("response_type", "code"),
                ("scope", Self.scopes.joined(separator: " ")), ("state", request.state),
            ], to: connection.endpoint("authorize_url", default: Self.defaultConsentURL))
    }

    public func redeem(_ callback: AuthorizationCallback, callbackURL: String) async throws(ChannelCallError) -> AuthorizationGrant {
        let code = try self.consented(callback, "code")
        let context = try self.consented(callback, "context")
        let connection = self.context.connection
        let answer = try await self.tokenGrant(
            ChannelRequest(
                .POST, connection.endpoint("token_url", default: Self.defaultTokenURL),
                json: .members([
                    "client_id": .string(try connection.credential("client_id")),
                    "client_secret": .string(try connection.credential("client_secret")), "code": .string(code),
                    "context": .string(context), "scope": .string(callback.parameters["scope"] ?? ""),
                    "grant_type": .string("authorization_code"), "redirect_uri": .string(callbackURL),
                ])))
        guard let token = answer["access_token"]?.nonEmptyText else { throw .malformed("the token endpoint returned no access_token") }
        let granted = answer["context"]?.nonEmptyText ?? context
        guard granted.hasPrefix("stores/"), granted.count > "stores/".count else {
            throw .malformed("the token's context '\(granted.prefix(100))' names no store")
        }
        return AuthorizationGrant(credentials: ["access_token": token, "store_hash": String(granted.dropFirst("stores/".count))])
    }
}
