/// WooCommerce's application authentication: the store's `/wc-auth/v1/authorize` page (`user_id` carries the state),
/// after which the store's server POSTs `{key_id, user_id, consumer_key, consumer_secret, key_permissions}` to the
/// callback and sends the browser to `return_url`.
extension WooCommerceChannel: ChannelAuthorization {
    public static var callbackStyle: AuthorizationCallbackStyle { .serverPost }

    public func consentURL(_ request: ConsentRequest) throws(ChannelCallError) -> String {
        URLQuery.appending(
            [
                ("app_name", "Switchyard"), ("scope", "read_write"), ("user_id", request.state), ("return_url", request.returnURL),
                ("callback_url", request.callbackURL),
            ], to: try self.context.connection.base() + "/wc-auth/v1/authorize")
    }

    public static func state(of callback: AuthorizationCallback) -> String? {
        callback.parameters["user_id"]
    }

    public func redeem(_ callback: AuthorizationCallback, callbackURL: String) async throws(ChannelCallError) -> AuthorizationGrant {
        let key = try self.consented(callback, "consumer_key")
        let secret = try self.consented(callback, "consumer_secret")
        guard callback.parameters["key_permissions"] == "read_write" else {
            throw .authorizationRefused("the keys are '\(callback.parameters["key_permissions"]?.prefix(20) ?? "")', not read_write")
        }
        return AuthorizationGrant(credentials: ["consumer_key": key, "consumer_secret": secret])
    }
}
