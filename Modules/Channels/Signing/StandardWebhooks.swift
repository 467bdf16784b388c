import Foundation

/// The Standard Webhooks scheme (standardwebhooks.com): headers `webhook-id`, `webhook-timestamp` (unix seconds) and
/// `webhook-signature` (space-separated `v1,<base64>` entries) over `{id}.{timestamp}.{body}`; timestamps more than five
/// minutes off are refused so a captured delivery cannot be replayed later.
public enum StandardWebhooks {
    public static let tolerance: TimeInterval = 300

    /// The delivery's `webhook-id` when one of its `v1` signatures matches; throws `WebhookRejection` otherwise.
    public static func verify(_ request: WebhookRequest, key: [UInt8], now: Date) throws(WebhookRejection) -> String {
        guard let signatures = request.header("webhook-signature") else { throw .missingSignature(header: "webhook-signature") }
        guard let id = request.header("webhook-id"), let stamp = request.header("webhook-timestamp"), let seconds = Int64(stamp)
        else { throw .malformed("webhook-id or webhook-timestamp is missing") }
        guard abs(now.timeIntervalSince1970 - Double(seconds)) <= Self.tolerance else { throw .staleTimestamp }
        let message = Array("\(id).\(stamp).".utf8) + request.body
        let matches = signatures.split(separator: " ").contains { entry in
            entry.hasPrefix("v1,")
                && MessageAuthentication.isValid(String(entry.dropFirst(3)), encoding: .base64, key: key, message: message)
        }
        guard matches else { throw .signatureMismatch }
        return id
    }

    /// The `webhook-signature` value for a delivery (the Sandbox signs with this).
    public static func sign(id: String, timestamp: Int64, body: [UInt8], key: [UInt8]) -> String {
        "v1," + MessageAuthentication.sign(Array("\(id).\(timestamp).".utf8) + body, key: key, encoding: .base64)
    }
}
