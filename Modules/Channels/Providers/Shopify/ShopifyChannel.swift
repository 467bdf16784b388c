import Foundation
import Kernel

/// Shopify Admin (REST resources; webhooks signed `X-Shopify-Hmac-Sha256` = base64 HMAC-SHA256 of the body under the app's
/// client secret). Webhook bodies are the REST resource without its root key.
public struct ShopifyChannel: ChannelProvider {
    public static let provider = Provider.shopify
    public static let credentialKeys = CredentialKeys(
        required: ["client_secret", "access_token"], optional: ["client_id"], granted: ["access_token"])

    public let context: ChannelContext

    public init(context: ChannelContext) {
        self.context = context
    }

    public func verifyWebhook(_ request: WebhookRequest, now: Date) async throws -> WebhookDelivery {
        let secret = try self.credentials.required("client_secret")
        guard let signature = request.header("X-Shopify-Hmac-Sha256", "shopify-hmac-sha256") else {
            throw WebhookRejection.missingSignature(header: "X-Shopify-Hmac-Sha256")
        }
        guard MessageAuthentication.isValid(signature, encoding: .base64, key: Array(secret.utf8), message: request.body) else {
            throw WebhookRejection.signatureMismatch
        }
        guard let topic = request.header("X-Shopify-Topic", "shopify-topic") else { throw WebhookRejection.malformed("no X-Shopify-Topic") }
        let id = request.header("X-Shopify-Webhook-Id", "shopify-webhook-id") ?? WebhookBody.contentID(request.body)
        return WebhookDelivery(deliveryID: id, topic: topic)
    }

    public static func parseWebhook(topic: String, body: [UInt8]) throws -> ChannelEvent {
        let resource = try WebhookBody.decode(Resource.self, from: body)
        let updatedAt = resource.updated_at.flatMap(ISO8601.date(from:))
        switch topic.split(separator: "/").first {
        case "orders": return ChannelEvent(resource: .order, remoteID: try resource.require(\.id), occurredAt: updatedAt)
        case "refunds": return ChannelEvent(resource: .refund, remoteID: try resource.require(\.order_id), occurredAt: updatedAt)
        case "products": return ChannelEvent(resource: .product, remoteID: try resource.require(\.id), occurredAt: updatedAt)
        case "inventory_levels":
            return ChannelEvent(resource: .inventory, remoteID: try resource.require(\.inventory_item_id), occurredAt: updatedAt)
        default: return ChannelEvent(resource: .other, remoteID: resource.id?.text, occurredAt: updatedAt)
        }
    }

    /// The fields of a REST resource a webhook names its record by.
    struct Resource: Decodable {
        let id: RemoteID?
        let order_id: RemoteID?
        let inventory_item_id: RemoteID?
        let updated_at: String?

        func require(_ field: KeyPath<Resource, RemoteID?>) throws(WebhookRejection) -> String {
            guard let value = self[keyPath: field] else { throw .malformed("the resource has no id") }
            return value.text
        }
    }
}
