import IntegrationsContracts
import Kernel
import Storage

/// Pushes one recorded shipment to its order's channel (the provider's confirm-shipment call), retried with exponential
/// backoff while the channel is throttling or unavailable; each attempt is in the instance's sync history.
public struct PushShipment: JobPayload {
    public static let kind = "orders.push_shipment"
    public static let maxAttempts = 15
    /// 5 s doubling to at most an hour: about eight hours of a channel's outage before a shipment fails.
    static let retryPolicy = RetryPolicy(baseSeconds: 5, capSeconds: 3600)
    public let shipmentID: Int64

    /// Queues a push per shipment; a shipment whose push is already queued keeps that one, and one being pushed is
    /// claimed by its running job, so a second job finds nothing to push.
    static func enqueue(_ ids: [Int64], in transaction: Transaction) async throws {
        try await JobQueue.enqueueBatch(ids.map(PushShipment.init), uniqueKeys: ids.map { "shipment:\($0)" }, in: transaction)
    }
}

/// Runs the Orders context's jobs. The channel calls go through the Integrations context, which holds the credentials.
public enum OrdersJobHandlers {
    public static func register(in registry: inout JobRegistry, integrations: any IntegrationsFacade) {
        registry.register(PushShipment.self, retryPolicy: PushShipment.retryPolicy) { payload, context in
            try await self.push(payload.shipmentID, integrations: integrations, context: context)
        }
    }

    /// Claims the shipment and pushes it. Once the channel has accepted it, nothing this job does can make a retry push it
    /// again: a failure to record the acceptance ends the job for good.
    static func push(_ id: Int64, integrations: any IntegrationsFacade, context: JobContext) async throws -> JobResult {
        let database = context.database
        let job = context.job.id.rawValue
        guard let push = try await database.withTenant(context.tenant, { try await ShipmentStore.claim(id, job: job, in: $0) }) else {
            return try JobResult(["skipped": "the shipment is not waiting for a push"])
        }
        let receipt: ShipmentReceipt
        do {
            receipt = try await integrations.confirmShipment(
                push.confirmation, instance: IntegrationInstanceID(push.instanceID), tenant: context.tenant)
        } catch {
            let permanent = if case JobFailure.permanent = error { true } else { false }
            let final = permanent || context.job.attempt >= context.job.maxAttempts
            try await database.withTenant(context.tenant) {
                try await ShipmentStore.failed(id, job: job, error: JobFailure.reason(of: error), final: final, in: $0)
            }
            throw error
        }
        do {
            try await database.withTenant(context.tenant) { try await ShipmentStore.succeeded(id, job: job, remoteID: receipt.remoteID, in: $0) }
        } catch {
            throw JobFailure.permanent("the channel accepted the shipment, but recording it failed: \(JobFailure.reason(of: error))")
        }
        return try JobResult(["remoteShipmentId": receipt.remoteID ?? ""])
    }
}
