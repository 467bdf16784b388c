import Kernel

/// A new connection. Settings are JSON object text; credentials by the provider's names (see `ChannelAdapters`).
public struct NewIntegrationInstance: Sendable, Equatable {
    public var provider: Provider
    public var name: String
    /// The channel code; `<provider>-<id>` when absent.
    public var code: String?
    public var apiBaseURL: String?
    public var integrationSettings: String?
    public var connectionSettings: String?
    public var credentials: [String: String]

    public init(
        provider: Provider, name: String, code: String? = nil, apiBaseURL: String? = nil, integrationSettings: String? = nil,
        connectionSettings: String? = nil, credentials: [String: String] = [:]
    ) {
        self.provider = provider
        self.name = name
        self.code = code
        self.apiBaseURL = apiBaseURL
        self.integrationSettings = integrationSettings
        self.connectionSettings = connectionSettings
        self.credentials = credentials
    }
}

/// A change to an instance. `replace` (PUT) sets every field, absent settings becoming `{}`; `merge` (PATCH) changes only
/// what is given and deep-merges settings (RFC 7386: a `null` member removes the key). Credentials, when given, replace the
/// stored set in both modes.
public struct InstanceUpdate: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        case replace
        case merge
    }

    public var mode: Mode
    public var name: String?
    /// A new channel code; kept when absent, in both modes.
    public var code: String?
    public var apiBaseURL: String?
    public var integrationSettings: String?
    public var connectionSettings: String?
    public var credentials: [String: String]?

    public init(
        mode: Mode, name: String? = nil, code: String? = nil, apiBaseURL: String? = nil, integrationSettings: String? = nil,
        connectionSettings: String? = nil, credentials: [String: String]? = nil
    ) {
        self.mode = mode
        self.name = name
        self.code = code
        self.apiBaseURL = apiBaseURL
        self.integrationSettings = integrationSettings
        self.connectionSettings = connectionSettings
        self.credentials = credentials
    }
}

/// Turning a channel's sync on (seed `002_…` enable): webhook subscription, inventory sync, conflict strategy, polling.
public struct ChannelEnablement: Sendable, Equatable {
    public var webhooks: Bool?
    public var syncInventory: Bool?
    public var conflictStrategy: ConflictStrategy?
    public var pollIntervalMinutes: Int?

    public init(webhooks: Bool? = nil, syncInventory: Bool? = nil, conflictStrategy: ConflictStrategy? = nil, pollIntervalMinutes: Int? = nil) {
        self.webhooks = webhooks
        self.syncInventory = syncInventory
        self.conflictStrategy = conflictStrategy
        self.pollIntervalMinutes = pollIntervalMinutes
    }
}
