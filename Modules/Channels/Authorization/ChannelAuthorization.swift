import Foundation
import Kernel

/// A provider whose sellers connect by consenting in the provider's own pages (OAuth and its kin). The instance holds the
/// app's credentials before consent; the consent yields the rest (`CredentialKeys.granted`).
public protocol ChannelAuthorization: ChannelProvider {
    /// How the provider hands the consent back.
    static var callbackStyle: AuthorizationCallbackStyle { get }
    /// The app's credentials the instance must hold to start a consent (the required ones a consent does not grant,
    /// unless the provider needs more, as Shopify's and BigCommerce's consent pages need the `client_id`).
    static var consentCredentials: [String] { get }

    /// Where the seller's browser goes to consent.
    func consentURL(_ request: ConsentRequest) throws(ChannelCallError) -> String

    /// The `state` an answer carries, as `consentURL` sent it.
    static func state(of callback: AuthorizationCallback) -> String?

    /// Turns the provider's answer into credentials (exchanging its code at the provider's token endpoint where there is
    /// one); throws `authorizationRefused` when the seller declined or the answer is forged.
    func redeem(_ callback: AuthorizationCallback, callbackURL: String) async throws(ChannelCallError) -> AuthorizationGrant
}

extension ChannelAuthorization {
    public static var callbackStyle: AuthorizationCallbackStyle { .browserRedirect }

    public static var consentCredentials: [String] {
        Self.credentialKeys.required.filter { !Self.credentialKeys.granted.contains($0) }
    }

    public static func state(of callback: AuthorizationCallback) -> String? {
        callback.parameters["state"]
    }

    /// The callback's `name` parameter; a missing one means the seller declined (the provider's `error_description` or
    /// `error` says why when it gives one).
    func consented(_ callback: AuthorizationCallback, _ name: String) throws(ChannelCallError) -> String {
        if let value = callback.parameters[name], !value.isEmpty { return value }
        let reason = callback.parameters["error_description"] ?? callback.parameters["error"] ?? "the answer carries no '\(name)'"
        throw .authorizationRefused(reason)
    }

    /// Sends a token request on the instance's `oauth` bucket and reads the answer as JSON.
    func tokenGrant(_ request: ChannelRequest) async throws(ChannelCallError) -> JSONValue {
        try await self.context.json(request, "oauth", AuthorizationLimits.tokenGrant)
    }
}

/// How a provider answers a consent.
public enum AuthorizationCallbackStyle: String, Sendable {
    /// The seller's browser is redirected to the callback with a code (answer with a redirect into the admin).
    case browserRedirect = "browser_redirect"
    /// The provider's server posts the keys to the callback (WooCommerce); the browser goes elsewhere.
    case serverPost = "server_post"
}

enum AuthorizationLimits {
    /// Code exchanges happen once per consent; this only keeps a stuck browser from hammering a token endpoint.
    static let tokenGrant = RateLimit(perSecond: 1, burst: 5)
}
