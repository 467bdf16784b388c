import Foundation
import Kernel

public enum SyncRunEntity {}
public typealias SyncRunID = Identifier<SyncRunEntity, Int64>

/// What a sync run did against a channel (seed `002_…` sync history).
public enum SyncOperation: String, Sendable, Codable, CaseIterable {
    case ordersPull = "orders_pull"
    case productsPull = "products_pull"
    case refundsPull = "refunds_pull"
    case inventoryPush = "inventory_push"
    case inventoryConflict = "inventory_conflict"
    case fulfillmentWriteback = "fulfillment_writeback"
}

/// What started a run.
public enum SyncTrigger: String, Sendable, Codable, CaseIterable {
    case schedule
    case manual
    case webhook
}

public enum SyncRunStatus: String, Sendable, Codable, CaseIterable {
    case running
    case succeeded
    case failed
}

/// One run of a sync, writeback or push, with its counts and outcome.
public struct SyncRun: Sendable, Equatable {
    public let id: SyncRunID
    public let instanceID: IntegrationInstanceID
    public let operation: SyncOperation
    public let trigger: SyncTrigger
    public let status: SyncRunStatus
    public let startedAt: Date
    public let finishedAt: Date?
    public let pages: Int
    public let fetched: Int
    public let stored: Int
    /// Something the run survived but someone should know (e.g. a pagination defence tripped).
    public let warning: String?
    public let error: String?

    public init(
        id: SyncRunID, instanceID: IntegrationInstanceID, operation: SyncOperation, trigger: SyncTrigger, status: SyncRunStatus, startedAt: Date,
        finishedAt: Date?, pages: Int, fetched: Int, stored: Int, warning: String?, error: String?
    ) {
        self.id = id
        self.instanceID = instanceID
        self.operation = operation
        self.trigger = trigger
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.pages = pages
        self.fetched = fetched
        self.stored = stored
        self.warning = warning
        self.error = error
    }
}

extension SyncOperation {
    /// The operation of a pull of `resource`.
    public static func pull(_ resource: RemoteResource) -> SyncOperation {
        switch resource {
        case .orders: .ordersPull
        case .products: .productsPull
        case .refunds: .refundsPull
        }
    }
}

/// Where an instance's sync of one kind of record stands: the next pull's start, a walk to resume, when it last ran, how
/// much it fetched and holds.
public struct SyncInfo: Sendable, Equatable {
    public let instanceID: IntegrationInstanceID
    public let resource: RemoteResource
    public let updatedSince: Date?
    public let continuation: String?
    public let lastSyncedAt: Date?
    public let totalFetched: Int
    /// Records held as the channel holds them.
    public let stored: Int

    public init(
        instanceID: IntegrationInstanceID, resource: RemoteResource, updatedSince: Date?, continuation: String?, lastSyncedAt: Date?,
        totalFetched: Int, stored: Int
    ) {
        self.instanceID = instanceID
        self.resource = resource
        self.updatedSince = updatedSince
        self.continuation = continuation
        self.lastSyncedAt = lastSyncedAt
        self.totalFetched = totalFetched
        self.stored = stored
    }
}

/// Which runs a sync-history list shows.
public struct SyncRunFilter: CompoundFilter, Equatable, Decodable {
    public var operation: EnumFilter<SyncOperation>?
    public var status: EnumFilter<SyncRunStatus>?
    public var trigger: EnumFilter<SyncTrigger>?
    public var startedAt: DateTimeFilter?
    public var and: [SyncRunFilter]?
    public var or: [SyncRunFilter]?
    public var not: Indirect<SyncRunFilter>?

    public init(operation: EnumFilter<SyncOperation>? = nil, status: EnumFilter<SyncRunStatus>? = nil) {
        self.operation = operation
        self.status = status
    }
}

public enum SyncRunSortField: String, Sendable, Equatable, Decodable {
    case startedAt = "STARTED_AT"
    case id = "ID"
}
