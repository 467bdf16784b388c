/// The secrets an integration instance holds for its provider (API keys, app secrets, tokens), by the provider's own
/// names. Stored encrypted; never returned by any API.
public struct ChannelCredentials: Sendable, Codable, Equatable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// The named credential, or `notConfigured` when the instance lacks it.
    public func required(_ name: String) throws(WebhookRejection) -> String {
        guard let value = self.values[name], !value.isEmpty else { throw .notConfigured(credential: name) }
        return value
    }
}
