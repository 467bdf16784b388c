import Foundation
import Kernel

/// TikTok Shop (webhooks carry `Authorization: <hex HMAC-SHA256 of app_key + body under app_secret>`, no `Bearer`;
/// body `{type, shop_id, timestamp, data}`).
public struct TikTokChannel: ChannelProvider {
    public static let provider = Provider.tiktok
    public static let credentialKeys = CredentialKeys(
        required: ["app_key", "app_secret", "access_token"], optional: ["shop_cipher", "refresh_token"],
        granted: ["access_token", "shop_cipher", "refresh_token"])

    public let context: ChannelContext

    public init(context: ChannelContext) {
        self.context = context
    }

    public func verifyWebhook(_ request: WebhookRequest, now: Date) async throws -> WebhookDelivery {
        let appKey = try self.credentials.required("app_key")
        let appSecret = try self.credentials.required("app_secret")
        guard let signature = request.header("Authorization") else { throw WebhookRejection.missingSignature(header: "Authorization") }
        let message = Array(appKey.utf8) + request.body
        guard MessageAuthentication.isValid(signature, encoding: .hex, key: Array(appSecret.utf8), message: message) else {
            throw WebhookRejection.signatureMismatch
        }
        let envelope = try WebhookBody.decode(Envelope.self, from: request.body)
        return WebhookDelivery(deliveryID: envelope.tts_notification_id ?? WebhookBody.contentID(request.body), topic: envelope.topic)
    }

    public static func parseWebhook(topic: String, body: [UInt8]) throws -> ChannelEvent {
        let envelope = try WebhookBody.decode(Envelope.self, from: body)
        let occurredAt = (envelope.data?.update_time ?? envelope.timestamp).map { Date(timeIntervalSince1970: $0) }
        if let order = envelope.data?.order_id {
            return ChannelEvent(resource: .order, remoteID: order.text, remoteStatus: envelope.data?.order_status, occurredAt: occurredAt)
        }
        if let product = envelope.data?.product_id {
            return ChannelEvent(resource: .product, remoteID: product.text, occurredAt: occurredAt)
        }
        return ChannelEvent(resource: .other, remoteID: nil, occurredAt: occurredAt)
    }

    struct Envelope: Decodable {
        struct Payload: Decodable {
            let order_id: RemoteID?
            let order_status: String?
            let product_id: RemoteID?
            let update_time: Double?
        }

        let type: Int
        let shop_id: RemoteID?
        let timestamp: Double?
        let tts_notification_id: String?
        let data: Payload?

        /// Type 1 is ORDER_STATUS_CHANGE; other types keep their number.
        var topic: String { self.type == 1 ? "ORDER_STATUS_CHANGE" : "type_\(self.type)" }
    }
}
