import IntegrationsContracts
import Kernel
import Storage

/// Reads a recorded delivery's body into the event it announces.
public struct ProcessInboundEvent: JobPayload {
    public static let kind = "integrations.process_inbound_event"
    public static let maxAttempts = 5
    public let eventID: Int64
}

/// Removes what a deleted instance leaves behind (its inbound events).
public struct PurgeDeletedInstance: JobPayload {
    public static let kind = "integrations.purge_instance"
    public static let isTracked = true
    public let instanceID: Int64
}

extension ProcessInboundEvent {
    /// Queues one processing job per event in one statement; an event that already has a pending job keeps that one.
    /// Answers how many jobs were added.
    @discardableResult
    static func enqueue(_ ids: [InboundEventID], in transaction: Transaction) async throws -> Int {
        try await JobQueue.enqueueBatch(ids.map { ProcessInboundEvent(eventID: $0.rawValue) }, uniqueKeys: ids.map { "\($0)" }, in: transaction)
    }
}
