import IntegrationsContracts
import Kernel
import Storage

/// Pushes one recorded shipment to its order's channel (the provider's confirm-shipment call), retried with exponential
/// backoff while the channel is throttling or unavailable; each attempt is in the instance's sync history.
public struct PushShipment: JobPayload {
    public static let kind = "orders.push_shipment"
    public static let maxAttempts = 8
    public let shipmentID: Int64

    /// Queues a push per shipment; a shipment whose push is already queued keeps that one.
    static func enqueue(_ ids: [Int64], in transaction: Transaction) async throws {
        try await JobQueue.enqueueBatch(ids.map(PushShipment.init), uniqueKeys: ids.map { "shipment:\($0)" }, in: transaction)
    }
}

/// Runs the Orders context's jobs. The channel calls go through the Integrations context, which holds the credentials.
public enum OrdersJobHandlers {
    public static func register(in registry: inout JobRegistry, integrations: any IntegrationsFacade) {
        registry.register(PushShipment.self) { payload, context in
            try await self.push(payload.shipmentID, integrations: integrations, context: context)
        }
    }

    static func push(_ id: Int64, integrations: any IntegrationsFacade, context: JobContext) async throws -> JobResult {
        let database = context.database
        guard let push = try await database.withTenant(context.tenant, { try await ShipmentStore.push(id, in: $0) }), push.pending else {
            return try JobResult(["skipped": "the shipment is no longer waiting for its push"])
        }
        do {
            let receipt = try await integrations.confirmShipment(
                push.confirmation, instance: IntegrationInstanceID(push.instanceID), tenant: context.tenant)
            try await database.withTenant(context.tenant) { try await ShipmentStore.succeeded(id, remoteID: receipt.remoteID, in: $0) }
            return try JobResult(["remoteShipmentId": receipt.remoteID ?? ""])
        } catch {
            let permanent = if case JobFailure.permanent = error { true } else { false }
            let final = permanent || context.job.attempt >= context.job.maxAttempts
            try await database.withTenant(context.tenant) {
                try await ShipmentStore.failed(id, error: JobFailure.reason(of: error), final: final, in: $0)
            }
            throw error
        }
    }
}
