import Foundation
import Kernel

/// A tenant's connection to one channel. Credentials are never part of it: only the names of those that are set.
public struct IntegrationInstance: Sendable, Equatable {
    public let id: IntegrationInstanceID
    public let provider: Provider
    public let name: String
    /// The channel code (`shop-us`) by which the ERP API names the instance; `<provider>-<id>` until the tenant sets one.
    public let code: String
    public let status: InstanceStatus
    public let apiBaseURL: String?
    /// JSON object text.
    public let integrationSettings: String
    /// JSON object text.
    public let connectionSettings: String
    public let credentialNames: [String]
    /// The value of `?instance=` on this instance's webhook URLs.
    public let webhookKey: String
    public let webhooksEnabled: Bool
    public let syncInventory: Bool
    public let conflictStrategy: ConflictStrategy
    public let pollIntervalMinutes: Int
    public let createdAt: Date
    public let updatedAt: Date
    public let disconnectedAt: Date?

    public init(
        id: IntegrationInstanceID, provider: Provider, name: String, code: String, status: InstanceStatus, apiBaseURL: String?,
        integrationSettings: String,
        connectionSettings: String, credentialNames: [String], webhookKey: String, webhooksEnabled: Bool, syncInventory: Bool,
        conflictStrategy: ConflictStrategy, pollIntervalMinutes: Int, createdAt: Date, updatedAt: Date, disconnectedAt: Date?
    ) {
        self.id = id
        self.provider = provider
        self.name = name
        self.code = code
        self.status = status
        self.apiBaseURL = apiBaseURL
        self.integrationSettings = integrationSettings
        self.connectionSettings = connectionSettings
        self.credentialNames = credentialNames
        self.webhookKey = webhookKey
        self.webhooksEnabled = webhooksEnabled
        self.syncInventory = syncInventory
        self.conflictStrategy = conflictStrategy
        self.pollIntervalMinutes = pollIntervalMinutes
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.disconnectedAt = disconnectedAt
    }
}

/// An instance as a picker shows it.
public struct IntegrationInstanceOption: Sendable, Equatable {
    public let id: IntegrationInstanceID
    public let name: String
    public let code: String
    public let provider: Provider

    public init(id: IntegrationInstanceID, name: String, code: String, provider: Provider) {
        self.id = id
        self.name = name
        self.code = code
        self.provider = provider
    }
}
