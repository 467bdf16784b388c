import Kernel

/// eBay's authorization code grant: `auth.ebay.com/oauth2/authorize` with the app's RuName (connection setting `ru_name`,
/// which eBay maps to the accept URL registered for it: Switchyard's callback) as `redirect_uri`, answered with `code` and
/// `state`; the code is exchanged at the token endpoint (HTTP Basic client authentication) for a refresh token.
extension EbayChannel: ChannelAuthorization {
    static let defaultConsentURL = "https://auth.ebay.com/oauth2/authorize"

    public func consentURL(_ request: ConsentRequest) throws(ChannelCallError) -> String {
        let connection = self.context.connection
        return URLQuery.appending(
            [
                ("client_id", try connection.credential("client_id")), ("redirect_uri", try connection.setting("ru_name")),
                ("response_type", "code"), ("scope", Self.consentScopes.joined(separator: " ")), ("state", request.state),
            ], to: connection.endpoint("authorize_url", default: Self.defaultConsentURL))
    }

    public func redeem(_ callback: AuthorizationCallback, callbackURL: String) async throws(ChannelCallError) -> AuthorizationGrant {
        let code = try self.consented(callback, "code")
        let connection = self.context.connection
        let answer = try await self.tokenGrant(
            ChannelRequest(
                .POST, try self.tokenURL(),
                headers: [
                    ChannelRequest.basicAuthorization(
                        user: try connection.credential("client_id"), password: try connection.credential("client_secret"))
                ],
                form: [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", try connection.setting("ru_name"))]))
        guard let refreshToken = answer["refresh_token"]?.nonEmptyText else { throw .malformed("the token endpoint returned no refresh_token") }
        return AuthorizationGrant(credentials: ["refresh_token": refreshToken])
    }
}
