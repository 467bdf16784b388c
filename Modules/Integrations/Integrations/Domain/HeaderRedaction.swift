import Foundation

/// Request headers as they are kept on an inbound event: secrets (signatures, tokens, keys, cookies) replaced by
/// `[redacted]`.
enum HeaderRedaction {
    static let secretMarkers = ["authorization", "signature", "hmac", "token", "secret", "api-key", "apikey", "cookie", "password", "-key"]

    static func isSecret(_ name: String) -> Bool {
        let name = name.lowercased()
        return Self.secretMarkers.contains { name.contains($0) }
    }

    /// JSON object text of the redacted headers (`WebhookRequest.headers`: lower-cased names, repeats joined).
    static func json(_ headers: [String: String]) -> String {
        let shown = Dictionary(uniqueKeysWithValues: headers.map { ($0.key, Self.isSecret($0.key) ? "[redacted]" : $0.value) })
        let data = (try? JSONSerialization.data(withJSONObject: shown, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
