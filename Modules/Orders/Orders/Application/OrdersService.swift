import Kernel
import OrdersContracts
import Storage

/// The Orders context's writes.
public struct OrdersService: OrdersFacade {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func ingest(_ orders: [NormalizedOrder], instance: Int64, provider: Provider, tenant: TenantID) async throws -> Int {
        guard !orders.isEmpty else { return 0 }
        return try await self.database.withTenant(tenant) { transaction in
            try await OrderStore.upsert(orders, instance: instance, provider: provider, in: transaction)
        }
    }

    public func ingest(_ refunds: [NormalizedRefund], instance: Int64, provider: Provider, tenant: TenantID) async throws -> Int {
        guard !refunds.isEmpty else { return 0 }
        return try await self.database.withTenant(tenant) { transaction in
            try await RefundStore.upsert(refunds, instance: instance, provider: provider, in: transaction)
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
}
