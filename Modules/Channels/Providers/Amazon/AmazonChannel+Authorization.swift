import Kernel

/// Selling Partner API website authorization: Seller Central's consent page (`application_id` is the SP-API app's id,
/// connection setting `application_id`; `version=beta` while the app is a draft, setting `app_version`), answered with
/// `spapi_oauth_code`, `state` and `selling_partner_id`; the code is exchanged at Login with Amazon for a refresh token.
extension AmazonChannel: ChannelAuthorization {
    static let defaultConsentURL = "https://sellercentral.amazon.com/apps/authorize/consent"

    public func consentURL(_ request: ConsentRequest) throws(ChannelCallError) -> String {
        let connection = self.context.connection
        var parameters = [
            ("application_id", try connection.setting("application_id")), ("state", request.state), ("redirect_uri", request.callbackURL),
        ]
        if connection.settings["app_version"] == "beta" { parameters.append(("version", "beta")) }
        return URLQuery.appending(parameters, to: connection.endpoint("authorize_url", default: Self.defaultConsentURL))
    }

    public func redeem(_ callback: AuthorizationCallback, callbackURL: String) async throws(ChannelCallError) -> AuthorizationGrant {
        let code = try self.consented(callback, "spapi_oauth_code")
        let connection = self.context.connection
        let answer = try await self.tokenGrant(
            ChannelRequest(
                .POST, connection.endpoint("token_url", default: Self.defaultTokenURL),
                form: [
                    ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", callbackURL),
                    ("client_id", try connection.credential("lwa_client_id")), ("client_secret", try connection.credential("lwa_client_secret")),
                ]))
        guard let refreshToken = answer["refresh_token"]?.nonEmptyText else { throw .malformed("the token endpoint returned no refresh_token") }
        var credentials = ["refresh_token": refreshToken]
        if let seller = callback.parameters["selling_partner_id"], !seller.isEmpty { credentials["seller_id"] = seller }
        return AuthorizationGrant(credentials: credentials)
    }
}
