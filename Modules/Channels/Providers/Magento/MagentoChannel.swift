import Crypto
import Foundation
import Kernel
import _CryptoExtras

/// Magento 2 / Adobe Commerce. Open Source has no outbound webhooks (it is polled); Adobe Commerce's Webhooks module signs
/// with RSA-SHA256 (`x-adobe-commerce-webhook-signature`, base64), verified with the public key from the store's admin.
/// App Builder hands handlers the body base64-encoded, so a signature over either form is accepted.
public struct MagentoChannel: ChannelProvider {
    public static let provider = Provider.magento
    public static let credentialKeys = CredentialKeys(required: ["access_token"], optional: ["webhook_public_key"])

    public let context: ChannelContext

    public init(context: ChannelContext) {
        self.context = context
    }

    public func verifyWebhook(_ request: WebhookRequest, now: Date) async throws -> WebhookDelivery {
        let pem = try self.credentials.required("webhook_public_key")
        guard let presented = request.header("x-adobe-commerce-webhook-signature") else {
            throw WebhookRejection.missingSignature(header: "x-adobe-commerce-webhook-signature")
        }
        guard let key = try? _RSA.Signing.PublicKey(pemRepresentation: pem) else {
            throw WebhookRejection.notConfigured(credential: "webhook_public_key")
        }
        guard let signatureBytes = Data(base64Encoded: presented) else { throw WebhookRejection.signatureMismatch }
        let signature = _RSA.Signing.RSASignature(rawRepresentation: signatureBytes)
        let forms = [Data(request.body), Data(Data(request.body).base64EncodedString().utf8)]
        guard forms.contains(where: { key.isValidSignature(signature, for: SHA256.hash(data: $0), padding: .insecurePKCS1v1_5) }) else {
            throw WebhookRejection.signatureMismatch
        }
        let envelope = try WebhookBody.decode(Envelope.self, from: request.body)
        return WebhookDelivery(deliveryID: WebhookBody.contentID(request.body), topic: envelope.eventName ?? "webhook")
    }

    public static func parseWebhook(topic: String, body: [UInt8]) throws -> ChannelEvent {
        let envelope = try WebhookBody.decode(Envelope.self, from: body)
        if let order = envelope.data?.order {
            return ChannelEvent(resource: .order, remoteID: order.entity_id?.text ?? order.increment_id, remoteStatus: order.status)
        }
        return ChannelEvent(resource: .other, remoteID: nil)
    }

    struct Envelope: Decodable {
        struct Payload: Decodable {
            let order: Order?
        }

        struct Order: Decodable {
            let entity_id: RemoteID?
            let increment_id: String?
            let status: String?
        }

        let eventName: String?
        let data: Payload?
    }
}
