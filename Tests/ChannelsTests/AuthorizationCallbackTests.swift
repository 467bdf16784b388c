import Channels
import Kernel
import Testing

/// The parts of sellers' consents that need no network: Shopify's callback signature against its published example,
/// and which providers have a consent at all.
@Suite struct AuthorizationCallbackTests {
    /// shopify.dev "Verify a request" example: client secret `hush`, HMAC over the sorted parameters without `hmac`.
    @Test func shopifysCallbackSignatureMatchesThePublishedExample() {
        let parameters = [
            "code": "0907a61c0c8d55e99db179b68161bc00", "hmac": "700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf",
            "shop": "some-shop.myshopify.com", "state": "0.6784241404160823", "timestamp": "1337178173",
        ]
        let message = ShopifyChannel.callbackMessage(parameters)
        #expect(
            String(decoding: message, as: UTF8.self)
                == "code=0907a61c0c8d55e99db179b68161bc00&shop=some-shop.myshopify.com&state=0.6784241404160823&timestamp=1337178173")
        #expect(MessageAuthentication.isValid(parameters["hmac"]!, encoding: .hex, key: Array("hush".utf8), message: message))
        #expect(!MessageAuthentication.isValid(parameters["hmac"]!, encoding: .hex, key: Array("hush!".utf8), message: message))
    }

    /// A provider names credentials a consent grants exactly when it has a consent, and the consent never needs what it grants.
    @Test func grantedCredentialsBelongToProvidersWithAConsent() {
        for provider in Provider.allCases {
            let keys = ChannelAdapters.credentialKeys(for: provider)
            let consent = ChannelAdapters.authorizationType(for: provider)
            #expect(keys.granted.isEmpty == (consent == nil), "\(provider)")
            #expect(keys.granted.isSubset(of: keys.all), "\(provider)")
            let needed = Set(consent?.consentCredentials ?? [])
            #expect(needed.isDisjoint(with: keys.granted), "\(provider)")
        }
        #expect(ChannelAdapters.authorizationType(for: .walmart) == nil && ChannelAdapters.authorizationType(for: .magento) == nil)
    }
}
