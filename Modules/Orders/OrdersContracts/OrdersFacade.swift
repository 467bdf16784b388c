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
    /// Records shipments reported for orders (seed `001_…` `POST /api/v1/shipments`, each row as the client sent it) and
    /// queues each one's push to its channel; answers their ids in the rows' order. All rows or none: any invalid row
    /// throws `OrdersError.shipmentsInvalid` naming every invalid row. A row repeating an order's tracking number is that
    /// shipment again (a failed one is queued again). `channels` are the tenant's, for rows that name a channel code.
    func recordShipments(_ rows: [JSONValue], channels: [OrderChannel], tenant: TenantID) async throws -> [Int64]
    /// Sets an order's aggregated status at once (seed `002_…`); `shipped` also records a shipment with the change's
    /// carrier and tracking number and queues its push to the channel, answering the shipment's id. Throws
    /// `OrdersError.orderNotFound` or `.statusChangeInvalid` (nothing changed).
    func changeStatus(_ orderID: Int64, to change: OrderStatusChange, tenant: TenantID) async throws -> Int64?
    /// Stores the carriers a provider's channel accepts (from an instance's adapter), spelled as the channel spells them;
    /// carriers no refresh has named for 30 days are dropped. Answers how many the provider has now.
    func replaceCarrierCodes(_ codes: [CarrierCode], provider: Provider, tenant: TenantID) async throws -> Int
    /// Archives (`true`) or unarchives the selected orders (seed `000_…` single and bulk archive); the channel is not
    /// told. Answers the ids of the orders changed (those already so are left alone).
    func setArchived(_ archived: Bool, _ selection: OrderSelection, tenant: TenantID, actor: String) async throws -> [Int64]
    /// Deletes the selected orders with their lines and shipments (seed `000_…` single and bulk delete); a later change at
    /// the channel brings an order back. All or nothing: throws `OrdersError.ordersBusy` when a selected order has a
    /// shipment waiting for or in its push. Answers the ids deleted.
    func deleteOrders(_ selection: OrderSelection, tenant: TenantID, actor: String) async throws -> [Int64]
}
