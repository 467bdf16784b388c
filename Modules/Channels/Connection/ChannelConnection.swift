/// Where and as whom an adapter talks to one integration instance.
public struct ChannelConnection: Sendable {
    /// Names the instance in rate-limit buckets and token caches (e.g. `tenant/instance`).
    public let instanceKey: String
    /// The provider's API root for this instance (the Sandbox's in dev and tests), without a trailing slash.
    public let baseURL: String?
    public let credentials: ChannelCredentials
    /// Non-secret settings the provider needs (Amazon `marketplace_id`, TikTok `shop_cipher`…), from the instance's
    /// connection settings.
    public let settings: [String: String]

    public init(instanceKey: String, baseURL: String?, credentials: ChannelCredentials, settings: [String: String] = [:]) {
        self.instanceKey = instanceKey
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.credentials = credentials
        self.settings = settings
    }

    /// The API root; calls fail with `notConfigured` when the instance has none.
    public func base() throws(ChannelCallError) -> String {
        guard let baseURL, !baseURL.isEmpty else { throw .notConfigured("a base URL (connection setting 'base_url')") }
        return baseURL
    }

    /// A credential the call needs.
    public func credential(_ name: String) throws(ChannelCallError) -> String {
        guard let value = self.credentials.values[name], !value.isEmpty else { throw .notConfigured("the '\(name)' credential") }
        return value
    }

    /// The URL a setting overrides (the Sandbox's consent and token endpoints in dev and tests), else the provider's own.
    public func endpoint(_ setting: String, default url: String) -> String {
        self.settings[setting].flatMap { $0.isEmpty ? nil : $0 } ?? url
    }

    /// A setting the call needs.
    public func setting(_ name: String) throws(ChannelCallError) -> String {
        guard let value = self.settings[name], !value.isEmpty else { throw .notConfigured("the connection setting '\(name)'") }
        return value
    }
}
