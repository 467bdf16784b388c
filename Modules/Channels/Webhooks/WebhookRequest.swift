import Foundation

/// A webhook delivery as it reached the receiver: the exact body bytes (signatures cover them) and the headers.
public struct WebhookRequest: Sendable {
    /// Header values by lower-cased name; repeated headers are joined with ", ".
    public let headers: [String: String]
    public let body: [UInt8]
    /// The URL the provider was told to call (eBay's endpoint challenge hashes it).
    public let endpointURL: String

    public init(headers: [(name: String, value: String)], body: [UInt8], endpointURL: String) {
        self.headers = Self.joined(headers)
        self.body = body
        self.endpointURL = endpointURL
    }

    /// Header values by lower-cased name, repeated headers joined with ", " (HTTP's own rule for combining them).
    public static func joined(_ headers: [(name: String, value: String)]) -> [String: String] {
        var joined: [String: String] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            joined[key] = joined[key].map { "\($0), \(value)" } ?? value
        }
        return joined
    }

    /// The first of `names` present (providers rename headers between API generations).
    public func header(_ names: String...) -> String? {
        for name in names {
            if let value = self.headers[name.lowercased()], !value.isEmpty { return value }
        }
        return nil
    }
}
