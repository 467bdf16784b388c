import Kernel

/// What connecting a provider takes (seed 000 Get OAuth Config): a seller's consent or credentials alone, and for a
/// consent the callback URL to register with the provider's app, how the provider answers, and which credentials the
/// instance holds beforehand (the app's) and which the consent grants.
public struct AuthorizationSetup: Sendable, Equatable {
    public enum Method: String, Sendable, Equatable {
        case consent
        case credentials
    }

    /// How the provider answers a consent.
    public enum CallbackStyle: String, Sendable, Equatable {
        /// The seller's browser is redirected to the callback with a code.
        case browserRedirect = "browser_redirect"
        /// The provider's server posts the keys to the callback (WooCommerce); the browser goes to the admin page.
        case serverPost = "server_post"
    }

    public let provider: Provider
    public let method: Method
    /// `nil` without a consent.
    public let callbackStyle: CallbackStyle?
    public let callbackURL: String?
    public let appCredentials: [String]
    public let grantedCredentials: [String]

    public init(
        provider: Provider, method: Method, callbackStyle: CallbackStyle?, callbackURL: String?, appCredentials: [String],
        grantedCredentials: [String]
    ) {
        self.provider = provider
        self.method = method
        self.callbackStyle = callbackStyle
        self.callbackURL = callbackURL
        self.appCredentials = appCredentials
        self.grantedCredentials = grantedCredentials
    }
}
