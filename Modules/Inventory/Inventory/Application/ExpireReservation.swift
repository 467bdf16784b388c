import Foundation
import Storage

/// Ends one reservation when its time-to-live passes, freeing what it still holds; a reservation released or committed
/// first is left as it is, and one not yet due (the job ran a moment early) is tried again when it is.
public struct ExpireReservation: JobPayload {
    public static let kind = "inventory.expire_reservation"
    public let reservationID: Int64
}

/// Every minute, ends the tenant's reservations whose time has passed but are still active — the safety net for an
/// expiry job that died — so stock is never held forever.
public struct ExpireDueReservations: JobPayload {
    public static let kind = "inventory.expire_due_reservations"
    public static let scheduleName = "inventory.expire_due_reservations"
    /// Reservations ended per run at most; the next run takes the rest.
    public static let limit = 1000
}

/// Runs the Inventory context's jobs.
public enum InventoryJobHandlers {
    public static func register(in registry: inout JobRegistry, service: InventoryService) {
        registry.register(ExpireReservation.self) { payload, context in
            switch try await service.expire(payload.reservationID, tenant: context.tenant) {
            case .expired: return try JobResult(["expired": true])
            case .alreadyEnded: return try JobResult(["expired": false])
            case .notDue(let expiresAt):
                throw JobFailure.retryAfter(
                    seconds: max(expiresAt.timeIntervalSinceNow, 0.01), reason: "reservation \(payload.reservationID) is not due yet")
            }
        }
        registry.register(ExpireDueReservations.self) { _, context in
            try JobResult(["expired": try await service.expireDue(tenant: context.tenant, limit: ExpireDueReservations.limit)])
        }
    }
}
