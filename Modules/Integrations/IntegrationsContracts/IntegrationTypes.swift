import Foundation
import Kernel

public enum IntegrationInstanceEntity {}
public typealias IntegrationInstanceID = Identifier<IntegrationInstanceEntity, Int64>

public enum InboundEventEntity {}
public typealias InboundEventID = Identifier<InboundEventEntity, Int64>

/// Whether an instance is talking to its channel.
public enum InstanceStatus: String, Sendable, Codable, CaseIterable {
    /// Created, waiting for the OAuth callback.
    case pending
    case connected
    /// Credentials dropped; nothing is pulled, pushed or accepted until it is connected again.
    case disconnected
}

/// How a stock difference between master and channel is resolved when pulling (seed `004_…`).
public enum ConflictStrategy: String, Sendable, Codable, CaseIterable {
    case masterWins = "master_wins"
    case channelWins = "channel_wins"
    case lowerWins = "lower_wins"
    case manual
}

/// Where an inbound event came from.
public enum InboundEventSource: String, Sendable, Codable, CaseIterable {
    case webhook
    case partnerAPI = "partner_api"
}

public enum InboundEventStatus: String, Sendable, Codable, CaseIterable {
    case pending
    case processing
    case completed
    case failed
}
