import Crypto
import Foundation
import Kernel

/// eBay Platform Notifications. `X-EBAY-SIGNATURE` is base64 of `{"alg","kid","signature","digest"}`: an ECDSA (P-256)
/// signature with SHA-1 over the compact re-serialization of the message (`JSON.stringify(JSON.parse(body))`), checked
/// with eBay's public key `kid`.
public struct EbayChannel: ChannelProvider {
    public static let provider = Provider.ebay
    public static let credentialKeys = CredentialKeys(
        required: ["client_id", "client_secret", "refresh_token"], optional: ["verification_token"], granted: ["refresh_token"])

    public let context: ChannelContext

    public init(context: ChannelContext) {
        self.context = context
    }

    public func verifyWebhook(_ request: WebhookRequest, now: Date) async throws -> WebhookDelivery {
        guard let header = request.header("X-EBAY-SIGNATURE") else { throw WebhookRejection.missingSignature(header: "X-EBAY-SIGNATURE") }
        guard let headerJSON = Data(base64Encoded: header), let signed = try? JSONDecoder().decode(SignatureHeader.self, from: headerJSON),
            signed.alg.lowercased() == "ecdsa", signed.digest.uppercased() == "SHA1",
            let signatureDER = Data(base64Encoded: signed.signature),
            let signature = try? P256.Signing.ECDSASignature(derRepresentation: signatureDER)
        else { throw WebhookRejection.signatureMismatch }
        let key: P256.Signing.PublicKey
        do {
            key = try Self.publicKey(pem: try await self.context.signingKeys.publicKey(kid: signed.kid))
        } catch {
            throw WebhookRejection.unknownSigningKey(signed.kid)
        }
        guard let message = (try? JSONParser.parse(request.body))?.serialized(numbers: .javaScript) else {
            throw WebhookRejection.malformed("the body is not JSON")
        }
        guard key.isValidSignature(signature, for: Insecure.SHA1.hash(data: message)) else { throw WebhookRejection.signatureMismatch }
        let envelope = try WebhookBody.decode(Envelope.self, from: request.body)
        return WebhookDelivery(deliveryID: envelope.notification.notificationId, topic: envelope.metadata.topic)
    }

    public static func parseWebhook(topic: String, body: [UInt8]) throws -> ChannelEvent {
        let envelope = try WebhookBody.decode(Envelope.self, from: body)
        let occurredAt = envelope.notification.eventDate.flatMap(ISO8601.date(from:))
        switch topic {
        case "MARKETPLACE_ACCOUNT_DELETION":
            return ChannelEvent(resource: .account, remoteID: envelope.notification.data?.userId, occurredAt: occurredAt)
        case "ORDER_CONFIRMATION":
            return ChannelEvent(resource: .order, remoteID: envelope.notification.data?.orderId, occurredAt: occurredAt)
        default:
            return ChannelEvent(resource: .other, remoteID: nil, occurredAt: occurredAt)
        }
    }

    /// The answer to eBay's endpoint validation `GET ?challenge_code=…`: hex SHA-256 of code + verification token + URL.
    public func challengeResponse(code: String, endpointURL: String) throws -> String {
        let token = try self.credentials.required("verification_token")
        return Hex.encode(SHA256.hash(data: Array((code + token + endpointURL).utf8)))
    }

    /// eBay serves the PEM on one line; the key is the base64 between the armour lines.
    static func publicKey(pem: String) throws -> P256.Signing.PublicKey {
        let body = pem.replacingOccurrences(of: "-----BEGIN PUBLIC KEY-----", with: "")
            .replacingOccurrences(of: "-----END PUBLIC KEY-----", with: "")
            .filter { !$0.isWhitespace }
        guard let der = Data(base64Encoded: body) else { throw WebhookRejection.malformed("the public key is not base64") }
        return try P256.Signing.PublicKey(derRepresentation: der)
    }

    struct SignatureHeader: Decodable {
        let alg: String
        let kid: String
        let signature: String
        let digest: String
    }

    struct Envelope: Decodable {
        struct Metadata: Decodable {
            let topic: String
        }

        struct Notification: Decodable {
            struct Payload: Decodable {
                let userId: String?
                let orderId: String?
            }

            let notificationId: String
            let eventDate: String?
            let data: Payload?
        }

        let metadata: Metadata
        let notification: Notification
    }
}
