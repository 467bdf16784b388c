import Kernel
import OrdersContracts
import Storage

/// The Orders context's writes.
public struct OrdersService: OrdersFacade {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func ingest(_ orders: [NormalizedOrder], instance: Int64, provider: Provider, tenant: TenantID) async throws -> IngestOutcome {
        try await self.ingest(orders, id: \.externalOrderID, tenant: tenant) { page, transaction in
            try await OrderStore.upsert(page, instance: instance, provider: provider, in: transaction)
        }
    }

    public func ingest(_ refunds: [NormalizedRefund], instance: Int64, provider: Provider, tenant: TenantID) async throws -> IngestOutcome {
        try await self.ingest(refunds, id: \.externalRefundID, tenant: tenant) { page, transaction in
            try await RefundStore.upsert(page, instance: instance, provider: provider, in: transaction)
        }
    }

    public func acknowledgeOrders(_ ids: [Int64], tenant: TenantID) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await self.database.withTenant(tenant) { transaction in try await IngestionSQL.acknowledge("orders.orders", ids, in: transaction) }
    }

    public func acknowledgeRefunds(_ ids: [Int64], tenant: TenantID) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await self.database.withTenant(tenant) { transaction in try await IngestionSQL.acknowledge("orders.refunds", ids, in: transaction)
        }
    }

    /// Upserts the page, skipping (and naming) the records the database refuses.
    private func ingest<Record: Sendable>(
        _ records: [Record], id: any KeyPath<Record, String> & Sendable, tenant: TenantID,
        upsert: @escaping @Sendable ([Record], Transaction) async throws -> Int
    ) async throws -> IngestOutcome {
        let (written, refused) = try await self.database.writeSkippingRefused(records, tenant: tenant, write: upsert)
        return IngestOutcome(written: written, rejected: refused.map { $0[keyPath: id] })
    }
}
