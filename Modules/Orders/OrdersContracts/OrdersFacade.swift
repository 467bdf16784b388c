import Kernel

/// The Orders context's writes: ingestion of normalized channel orders and refunds, and the ERP's acknowledgements.
/// Reads for the APIs go through `OrdersReads` in the caller's transaction.
public protocol OrdersFacade: Sendable {
    /// Stores a page of one instance's orders as an idempotent upsert keyed by (instance, channel order id); an order
    /// whose stored remote change is newer is left alone. A page the database refuses is stored one order at a time,
    /// skipping the orders it refuses.
    func ingest(_ orders: [NormalizedOrder], instance: Int64, provider: Provider, tenant: TenantID) async throws -> IngestOutcome
    /// The same for refunds, keyed by (instance, channel refund id).
    func ingest(_ refunds: [NormalizedRefund], instance: Int64, provider: Provider, tenant: TenantID) async throws -> IngestOutcome
    /// Marks orders as imported by the ERP (seed `001_…` `POST /orders/ack`); answers how many of the ids exist.
    func acknowledgeOrders(_ ids: [Int64], tenant: TenantID) async throws -> Int
    /// Marks refunds as imported by the ERP (`POST /refunds/ack`).
    func acknowledgeRefunds(_ ids: [Int64], tenant: TenantID) async throws -> Int
}
