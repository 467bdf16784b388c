import Foundation
import Kernel

/// BigCommerce (Standard Webhooks signing: `webhook-signature: v1,<base64>` over `{id}.{timestamp}.{body}` keyed by the
/// app's client secret bytes). Bodies are "light": the scope and the record id only.
public struct BigCommerceChannel: ChannelProvider {
    public static let provider = Provider.bigcommerce
    public static let credentialKeys = CredentialKeys(
        required: ["client_secret", "access_token", "store_hash"], optional: ["client_id"], granted: ["access_token", "store_hash"])

    public let context: ChannelContext

    public init(context: ChannelContext) {
        self.context = context
    }

    public func verifyWebhook(_ request: WebhookRequest, now: Date) async throws -> WebhookDelivery {
        let secret = try self.credentials.required("client_secret")
        let id = try StandardWebhooks.verify(request, key: Array(secret.utf8), now: now)
        let envelope = try WebhookBody.decode(Envelope.self, from: request.body)
        return WebhookDelivery(deliveryID: id, topic: envelope.scope)
    }

    public static func parseWebhook(topic: String, body: [UInt8]) throws -> ChannelEvent {
        let envelope = try WebhookBody.decode(Envelope.self, from: body)
        let occurredAt = envelope.created_at.map { Date(timeIntervalSince1970: $0) }
        let kind: ChannelEvent.Resource =
            switch topic.split(separator: "/").dropFirst().first {
            case "order": topic.hasSuffix("/refund/created") ? .refund : .order
            case "product": .product
            case "sku": topic.contains("inventory") ? .inventory : .product
            default: .other
            }
        return ChannelEvent(resource: kind, remoteID: envelope.data?.id.text, occurredAt: occurredAt)
    }

    struct Envelope: Decodable {
        struct Record: Decodable {
            let id: RemoteID
        }

        let scope: String
        let data: Record?
        let created_at: Double?
    }
}
