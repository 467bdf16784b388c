import Foundation
import Kernel

/// Walmart Marketplace. Notifications authenticate with what the seller chose at subscription time
/// (`authDetails.authMethod`): `HMAC` — HMAC-SHA256 of the whole body under the client secret in the seller-named header
/// (hex or base64: Walmart's spec does not say which, so both are accepted) — or `BASIC_AUTH` — base64(`user:password`).
public struct WalmartChannel: ChannelProvider {
    public static let provider = Provider.walmart
    public static let credentialKeys = CredentialKeys(
        required: ["client_id", "client_secret"],
        optional: ["webhook_auth_method", "webhook_auth_header", "webhook_username", "webhook_password"])

    public let context: ChannelContext

    public init(context: ChannelContext) {
        self.context = context
    }

    public func verifyWebhook(_ request: WebhookRequest, now: Date) async throws -> WebhookDelivery {
        let headerName = try self.credentials.required("webhook_auth_header")
        guard let presented = request.header(headerName) else { throw WebhookRejection.missingSignature(header: headerName) }
        switch try self.credentials.required("webhook_auth_method").uppercased() {
        case "BASIC_AUTH":
            let user = try self.credentials.required("webhook_username")
            let password = try self.credentials.required("webhook_password")
            let expected = Data("\(user):\(password)".utf8).base64EncodedString()
            let given = presented.hasPrefix("Basic ") ? String(presented.dropFirst(6)) : presented
            guard MessageAuthentication.constantTimeEquals(given, expected) else { throw WebhookRejection.signatureMismatch }
        case "HMAC":
            let key = Array(try self.credentials.required("client_secret").utf8)
            let valid =
                MessageAuthentication.isValid(presented, encoding: .hex, key: key, message: request.body)
                || MessageAuthentication.isValid(presented, encoding: .base64, key: key, message: request.body)
            guard valid else { throw WebhookRejection.signatureMismatch }
        default:
            throw WebhookRejection.notConfigured(credential: "webhook_auth_method")
        }
        let envelope = try WebhookBody.decode(Envelope.self, from: request.body)
        return WebhookDelivery(deliveryID: envelope.source.eventId ?? WebhookBody.contentID(request.body), topic: envelope.source.eventType)
    }

    public static func parseWebhook(topic: String, body: [UInt8]) throws -> ChannelEvent {
        let envelope = try WebhookBody.decode(Envelope.self, from: body)
        let occurredAt = envelope.source.eventTime.flatMap(ISO8601.date(from:))
        if let order = envelope.payload?.purchaseOrderId {
            return ChannelEvent(resource: .order, remoteID: order.text, remoteStatus: envelope.payload?.status, occurredAt: occurredAt)
        }
        if let sku = envelope.payload?.sku {
            return ChannelEvent(resource: topic.contains("INVENTORY") ? .inventory : .product, remoteID: sku, occurredAt: occurredAt)
        }
        return ChannelEvent(resource: .other, remoteID: nil, occurredAt: occurredAt)
    }

    struct Envelope: Decodable {
        struct Source: Decodable {
            let eventType: String
            let eventTime: String?
            let eventId: String?
        }

        struct Payload: Decodable {
            let purchaseOrderId: RemoteID?
            let status: String?
            let sku: String?
        }

        let source: Source
        let payload: Payload?
    }
}
