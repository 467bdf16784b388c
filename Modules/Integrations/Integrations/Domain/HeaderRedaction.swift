import Foundation

/// Request headers as they are kept on an inbound event: secrets (signatures, tokens, keys, cookies) replaced by
/// `[redacted]`, names lower-cased.
enum HeaderRedaction {
    static let secretMarkers = ["authorization", "signature", "hmac", "token", "secret", "api-key", "apikey", "cookie", "password", "-key"]

    static func isSecret(_ name: String) -> Bool {
        let name = name.lowercased()
        return Self.secretMarkers.contains { name.contains($0) }
    }

    /// JSON object text of the redacted headers (repeated headers joined with ", ").
    static func json(_ headers: [(name: String, value: String)]) -> String {
        var joined: [String: String] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            let shown = Self.isSecret(key) ? "[redacted]" : value
            joined[key] = joined[key].map { "\($0), \(shown)" } ?? shown
        }
        let data = (try? JSONSerialization.data(withJSONObject: joined, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
