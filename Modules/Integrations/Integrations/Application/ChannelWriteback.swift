import Channels
import IntegrationsContracts
import Kernel
import Logging
import OrdersContracts
import Storage

extension IntegrationsService {
    public func confirmShipment(_ shipment: ShipmentConfirmation, instance id: IntegrationInstanceID, tenant: TenantID) async throws
        -> ShipmentReceipt
    {
        let (instance, credentials, run) = try await self.database.withTenant(tenant) { transaction in
            let (instance, credentials) = try await self.connectedInstance(id, in: transaction)
            let run = try await SyncRunStore.start(instance: id, operation: .fulfillmentWriteback, trigger: .manual, in: transaction)
            return (instance, credentials, run)
        }
        let receipt: ShipmentReceipt
        do {
            guard let adapter = self.adapter(instance, credentials: credentials, tenant: tenant) else {
                throw JobFailure.permanent("\(instance.provider.rawValue) channels read their shipments through the partner API")
            }
            receipt = try await adapter.confirmShipment(shipment)
        } catch {
            let channelError = error as? ChannelCallError
            try await self.finish(
                run, tenant: tenant, status: .failed, warning: nil,
                error: "Order \(shipment.remoteOrderID), tracking \(shipment.trackingNumber): \(JobFailure.reason(of: error))")
            throw channelError?.jobError ?? error
        }
        // The channel has the shipment: what follows is bookkeeping, and failing it must not make the caller push again.
        do {
            try await self.database.withTenant(tenant) { transaction in
                try await SyncRunStore.count(run, pages: 0, fetched: 0, stored: 1, in: transaction)
                try await SyncRunStore.finish(run, status: .succeeded, warning: nil, error: nil, in: transaction)
                try await PullInstanceRecords.enqueue(id, .orders, trigger: .schedule, in: transaction)
            }
        } catch {
            self.logger.warning(
                "a pushed shipment's sync run was not recorded", metadata: ["instance": "\(id)", "error": "\(String(reflecting: error))"])
        }
        return receipt
    }

    public func refreshCarrierCodes(_ id: IntegrationInstanceID, tenant: TenantID, actor: String) async throws -> Int64 {
        try await self.database.withTenant(tenant) { transaction in
            try await self.calledInstance(id, in: transaction)
            let job = try await JobQueue.enqueue(
                RefreshCarrierCodes(instanceID: id.rawValue), options: JobOptions(uniqueKey: RefreshCarrierCodes.uniqueKey(id)), in: transaction)
            try await self.activity(id, event: "integration.carrier_codes_requested", actor: actor, in: transaction)
            return job.id.rawValue
        }
    }

    /// Reads the carriers the instance's channel accepts and hands them to the Orders context; answers how many its
    /// provider has.
    func refreshCarrierCodes(_ id: IntegrationInstanceID, tenant: TenantID) async throws -> Int {
        let (instance, credentials) = try await self.database.withTenant(tenant) { try await self.connectedInstance(id, in: $0) }
        guard let adapter = self.adapter(instance, credentials: credentials, tenant: tenant) else {
            throw JobFailure.permanent("\(instance.provider.rawValue) channels name no carriers")
        }
        let codes: [CarrierCode]
        do {
            codes = try await adapter.carrierCodes()
        } catch {
            throw error.jobError
        }
        return try await self.orders.replaceCarrierCodes(codes, provider: instance.provider, tenant: tenant)
    }
}

/// Refreshes the carriers an instance's channel accepts: weekly while the channel is enabled, and on an admin's demand.
public struct RefreshCarrierCodes: JobPayload {
    public static let kind = "integrations.refresh_carrier_codes"
    public static let maxAttempts = 5
    public static let isTracked = true
    public static let everyMinutes = 7 * 24 * 60
    public let instanceID: Int64

    static func uniqueKey(_ instance: IntegrationInstanceID) -> String { "carrier_codes:\(instance)" }
    static func scheduleName(_ instance: IntegrationInstanceID) -> String { "integrations.carrier_codes:instance:\(instance)" }
}
