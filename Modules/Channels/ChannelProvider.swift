import Foundation
import Kernel

/// One provider's adapter: speaks its wire format. Built per integration instance from its credentials.
public protocol ChannelProvider: Sendable {
    static var provider: Provider { get }
    /// The credential names an instance of this provider holds.
    static var credentialKeys: CredentialKeys { get }

    /// Checks a delivery's signature exactly as the provider defines it and names the delivery; throws `WebhookRejection`.
    func verifyWebhook(_ request: WebhookRequest, now: Date) async throws -> WebhookDelivery
    /// Reads a verified delivery's body into the event it announces; throws `WebhookRejection.malformed`.
    static func parseWebhook(topic: String, body: [UInt8]) throws -> ChannelEvent
}
