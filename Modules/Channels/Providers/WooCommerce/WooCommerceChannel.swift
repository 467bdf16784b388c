import Foundation
import Kernel

/// WooCommerce wc/v3 (webhooks signed `X-WC-Webhook-Signature` = base64 HMAC-SHA256 of the body under the webhook's
/// secret; the body is the REST resource itself). A new webhook's ping is a form body `webhook_id=N` with no signature.
public struct WooCommerceChannel: ChannelProvider {
    public static let provider = Provider.woocommerce
    public static let credentialKeys = CredentialKeys(
        required: ["consumer_key", "consumer_secret"], optional: ["webhook_secret"], granted: ["consumer_key", "consumer_secret"])

    public let context: ChannelContext

    public init(context: ChannelContext) {
        self.context = context
    }

    public func verifyWebhook(_ request: WebhookRequest, now: Date) async throws -> WebhookDelivery {
        guard let signature = request.header("X-WC-Webhook-Signature") else {
            if Self.isPing(request.body) {
                return WebhookDelivery(kind: .ping, deliveryID: String(decoding: request.body, as: UTF8.self), topic: "ping")
            }
            throw WebhookRejection.missingSignature(header: "X-WC-Webhook-Signature")
        }
        let secret = try self.credentials.required("webhook_secret")
        guard MessageAuthentication.isValid(signature, encoding: .base64, key: Array(secret.utf8), message: request.body) else {
            throw WebhookRejection.signatureMismatch
        }
        guard let topic = request.header("X-WC-Webhook-Topic") else { throw WebhookRejection.malformed("no X-WC-Webhook-Topic") }
        let id = request.header("X-WC-Webhook-Delivery-ID") ?? WebhookBody.contentID(request.body)
        return WebhookDelivery(deliveryID: id, topic: topic)
    }

    public static func parseWebhook(topic: String, body: [UInt8]) throws -> ChannelEvent {
        let resource = try WebhookBody.decode(Resource.self, from: body)
        let modified = resource.date_modified_gmt.flatMap { ISO8601.date(from: $0 + "Z") }
        let kind: ChannelEvent.Resource =
            switch topic.split(separator: ".").first {
            case "order": .order
            case "product": .product
            default: .other
            }
        return ChannelEvent(resource: kind, remoteID: resource.id.text, remoteStatus: resource.status, occurredAt: modified)
    }

    /// `webhook_id=<digits>`, the whole body of WooCommerce's subscription ping.
    static func isPing(_ body: [UInt8]) -> Bool {
        let text = String(decoding: body, as: UTF8.self)
        guard text.hasPrefix("webhook_id=") else { return false }
        let id = text.dropFirst("webhook_id=".count)
        return !id.isEmpty && id.count <= 20 && id.allSatisfy(\.isNumber)
    }

    struct Resource: Decodable {
        let id: RemoteID
        let status: String?
        let date_modified_gmt: String?
    }
}
