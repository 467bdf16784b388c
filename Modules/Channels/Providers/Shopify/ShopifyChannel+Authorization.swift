import Foundation
import Kernel

/// Shopify's authorization code grant: the shop's `/admin/oauth/authorize` page, answered with `code`, `shop`, `state`,
/// `timestamp` and an `hmac` (hex HMAC-SHA256, under the app's client secret, of every other parameter sorted by name as
/// `name=value` joined with `&`); the code is exchanged at the shop's `/admin/oauth/access_token` for an offline token.
extension ShopifyChannel: ChannelAuthorization {
    static let scopes = [
        "read_orders", "write_orders", "read_products", "read_inventory", "write_inventory", "read_locations", "read_fulfillments",
        "write_fulfillments", "read_merchant_managed_fulfillment_orders", "write_merchant_managed_fulfillment_orders",
    ]

    public static var consentCredentials: [String] { ["client_id", "client_secret"] }

    public func consentURL(_ request: ConsentRequest) throws(ChannelCallError) -> String {
        let connection = self.context.connection
        return URLQuery.appending(
            [
                ("client_id", try connection.credential("client_id")), ("scope", Self.scopes.joined(separator: ",")),
                ("redirect_uri", request.callbackURL), ("state", request.state),
            ], to: try connection.base() + "/admin/oauth/authorize")
    }

    public func redeem(_ callback: AuthorizationCallback, callbackURL: String) async throws(ChannelCallError) -> AuthorizationGrant {
        let connection = self.context.connection
        let secret = try connection.credential("client_secret")
        guard let hmac = callback.parameters["hmac"],
            MessageAuthentication.isValid(hmac, encoding: .hex, key: Array(secret.utf8), message: Self.callbackMessage(callback.parameters))
        else { throw .authorizationRefused("the callback's hmac does not match the app's client secret") }
        let code = try self.consented(callback, "code")
        let shop = callback.parameters["shop"] ?? ""
        guard Self.isShopDomain(shop) else { throw .authorizationRefused("'\(shop.prefix(100))' is not a myshopify.com shop") }
        if let host = URL(string: try connection.base())?.host, host.hasSuffix(".myshopify.com"), host != shop {
            throw .authorizationRefused("the consent is for \(shop), not this instance's shop \(host)")
        }
        let answer = try await self.tokenGrant(
            ChannelRequest(
                .POST, try connection.base() + "/admin/oauth/access_token",
                json: .members([
                    "client_id": .string(try connection.credential("client_id")), "client_secret": .string(secret), "code": .string(code),
                ])))
        guard let token = answer["access_token"]?.nonEmptyText else { throw .malformed("the token endpoint returned no access_token") }
        return AuthorizationGrant(credentials: ["access_token": token], settings: ["shop_domain": shop])
    }

    /// The text a callback's `hmac` signs: every parameter but `hmac` (and the legacy `signature`), sorted by name.
    public static func callbackMessage(_ parameters: [String: String]) -> [UInt8] {
        Array(
            parameters.filter { $0.key != "hmac" && $0.key != "signature" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                .joined(separator: "&").utf8)
    }

    /// `name.myshopify.com`, the only hosts Shopify answers consents from.
    static func isShopDomain(_ text: String) -> Bool {
        guard text.hasSuffix(".myshopify.com") else { return false }
        let name = text.dropLast(".myshopify.com".count)
        return !name.isEmpty && name.count <= 100 && name.first != "-"
            && name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }
}
