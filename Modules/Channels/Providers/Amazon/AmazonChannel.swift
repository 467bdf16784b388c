import Foundation
import Kernel

/// Amazon SP-API. Amazon sends notifications to an SQS queue or EventBridge, never over HTTP with a signature; they reach
/// Switchyard through an EventBridge API destination (or an SQS relay) whose connection sends the instance's
/// `notification_key` in `X-Switchyard-Notification-Key`. The body is the notification, or an EventBridge event whose
/// `detail` is the notification.
public struct AmazonChannel: ChannelProvider {
    public static let provider = Provider.amazon
    public static let credentialKeys = CredentialKeys(
        required: ["lwa_client_id", "lwa_client_secret", "refresh_token"], optional: ["notification_key", "seller_id"],
        granted: ["refresh_token", "seller_id"])
    public static let notificationKeyHeader = "X-Switchyard-Notification-Key"

    public let context: ChannelContext

    public init(context: ChannelContext) {
        self.context = context
    }

    public func verifyWebhook(_ request: WebhookRequest, now: Date) async throws -> WebhookDelivery {
        let key = try self.credentials.required("notification_key")
        guard let presented = request.header(Self.notificationKeyHeader) else {
            throw WebhookRejection.missingSignature(header: Self.notificationKeyHeader)
        }
        guard MessageAuthentication.constantTimeEquals(presented, key) else { throw WebhookRejection.signatureMismatch }
        let notification = try Self.notification(in: request.body)
        return WebhookDelivery(
            deliveryID: notification.NotificationMetadata?.NotificationId ?? WebhookBody.contentID(request.body),
            topic: notification.NotificationType)
    }

    public static func parseWebhook(topic: String, body: [UInt8]) throws -> ChannelEvent {
        let notification = try Self.notification(in: body)
        let occurredAt = notification.EventTime.flatMap(ISO8601.date(from:))
        if let change = notification.Payload?.OrderChangeNotification {
            return ChannelEvent(resource: .order, remoteID: change.AmazonOrderId, remoteStatus: change.Summary?.OrderStatus, occurredAt: occurredAt)
        }
        return ChannelEvent(resource: .other, remoteID: nil, occurredAt: occurredAt)
    }

    static func notification(in body: [UInt8]) throws(WebhookRejection) -> Notification {
        if let event = try? JSONDecoder().decode(EventBridgeEvent.self, from: Data(body)) { return event.detail }
        return try WebhookBody.decode(Notification.self, from: body)
    }

    struct EventBridgeEvent: Decodable {
        let detail: Notification
    }

    struct Notification: Decodable {
        struct Metadata: Decodable {
            let NotificationId: String?
        }

        struct Payload: Decodable {
            let OrderChangeNotification: OrderChange?
        }

        struct OrderChange: Decodable {
            struct Summary: Decodable {
                let OrderStatus: String?
            }

            let AmazonOrderId: String
            let Summary: Summary?
        }

        let NotificationType: String
        let EventTime: String?
        let Payload: Payload?
        let NotificationMetadata: Metadata?
    }
}
