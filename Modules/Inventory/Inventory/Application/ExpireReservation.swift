import Storage

/// Ends one reservation when its time-to-live passes, freeing what it still holds; a reservation released or committed
/// first is left as it is.
public struct ExpireReservation: JobPayload {
    public static let kind = "inventory.expire_reservation"
    public let reservationID: Int64
}

/// Runs the Inventory context's jobs.
public enum InventoryJobHandlers {
    public static func register(in registry: inout JobRegistry, service: InventoryService) {
        registry.register(ExpireReservation.self) { payload, context in
            let expired = try await service.expire(payload.reservationID, tenant: context.tenant)
            return try JobResult(["expired": expired])
        }
    }
}
