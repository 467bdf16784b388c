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
