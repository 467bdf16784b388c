import Channels
import Foundation
import Kernel

/// The credentials each sandbox channel accepts and signs with. They are public on purpose: the sandbox is a simulator,
/// and the demo tenant's instances are created with exactly these.
public enum SandboxCredentials {
    /// The secrets an instance of `provider` needs to talk to this sandbox.
    public static func credentials(_ provider: Provider) -> [String: String] {
        switch provider {
        case .amazon:
            [
                "lwa_client_id": "amzn1.application-oa2-client.sandbox", "lwa_client_secret": "sandbox-lwa-secret",
                "refresh_token": "Atzr|sandbox-refresh-token", "notification_key": "sandbox-amazon-notification-key", "seller_id": "A2SANDBOXSELLER",
            ]
        case .shopify: ["client_id": "sandbox-shopify-app", "client_secret": "sandbox-shopify-secret", "access_token": "shpat_sandbox_token"]
        case .ebay:
            [
                "client_id": "Sandbox-Switchya-PRD-sandbox", "client_secret": "PRD-sandbox-ebay-secret", "refresh_token": "v^1.1#sandbox-refresh",
                "verification_token": "sandbox-ebay-verification-token-0123456789",
            ]
        case .walmart:
            [
                "client_id": "sandbox-walmart-client", "client_secret": "sandbox-walmart-secret", "webhook_auth_method": "HMAC",
                "webhook_auth_header": "WM_SEC.AUTH_SIGNATURE",
            ]
        case .woocommerce: ["consumer_key": "ck_sandbox", "consumer_secret": "cs_sandbox", "webhook_secret": "sandbox-woo-webhook-secret"]
        case .bigcommerce:
            ["client_id": "sandbox-bc-client", "client_secret": "sandbox-bc-secret", "access_token": "sandbox-bc-token", "store_hash": "sandbox1"]
        case .tiktok:
            [
                "app_key": "sandbox-tts-app", "app_secret": "sandbox-tts-secret", "access_token": "ROW_sandbox-tts-token",
                "shop_cipher": "ROW_sandbox_cipher",
            ]
        case .magento: ["access_token": "sandbox-magento-token", "webhook_public_key": SandboxKeys.magentoPublicKey]
        case .partner: [:]
        }
    }

    /// The app's own credentials of `provider`: what an instance holds before the seller's consent grants the rest.
    public static func appCredentials(_ provider: Provider) -> [String: String] {
        let granted = ChannelAdapters.credentialKeys(for: provider).granted
        return self.credentials(provider).filter { !granted.contains($0.key) }
    }

    /// The non-secret connection settings of an instance of `provider` whose sandbox API is at `baseURL`, the sandbox's
    /// consent and token endpoints among them.
    public static func settings(_ provider: Provider, baseURL: String) -> [String: String] {
        switch provider {
        case .amazon:
            [
                "marketplace_id": SandboxAmazon.marketplaceID, "token_url": baseURL + "/auth/o2/token",
                "authorize_url": baseURL + "/apps/authorize/consent", "application_id": SandboxAmazon.applicationID,
            ]
        case .ebay: ["authorize_url": baseURL + "/oauth2/authorize", "ru_name": SandboxEbay.ruName]
        case .tiktok:
            [
                "authorize_url": baseURL + "/open/authorize", "token_url": baseURL + "/api/v2/token/get", "service_id": SandboxTikTok.serviceID,
            ]
        case .bigcommerce: ["authorize_url": baseURL + "/oauth2/authorize", "token_url": baseURL + "/oauth2/token"]
        default: [:]
        }
    }
}
