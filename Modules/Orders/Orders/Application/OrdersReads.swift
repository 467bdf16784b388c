import Kernel
import OrdersContracts
import Storage

/// Reads of the Orders context for the edges, in the caller's transaction.
public enum OrdersReads {
    /// `GET /api/v1/orders` as a JSON array.
    public static func erpOrders(_ query: ErpFeedQuery, in transaction: Transaction) async throws -> [UInt8] {
        try await ErpFeedStore.orders(query, in: transaction)
    }

    /// `GET /api/v1/refunds` as a JSON array.
    public static func erpRefunds(_ query: ErpFeedQuery, in transaction: Transaction) async throws -> [UInt8] {
        try await ErpFeedStore.refunds(query, in: transaction)
    }

    /// The carriers a shipment may name on `providers`' channels (every provider's when `nil`), by provider and code.
    public static func carrierCodes(providers: [Provider]?, in transaction: Transaction) async throws -> [ProviderCarrierCode] {
        try await CarrierCodeStore.list(providers: providers, in: transaction)
    }

    /// `GET /sales-channel/orders` as JSON: `{"items", "page", "pageSize", "total"}`.
    public static func aggregatedOrders(_ query: AggregatedOrderQuery, in transaction: Transaction) async throws -> [UInt8] {
        try await AggregatedOrderStore.list(query, in: transaction)
    }

    /// `GET /sales-channel/orders/:orderId` as JSON; `nil` when no order of `channels` has the id.
    public static func aggregatedOrder(_ id: Int64, channels: [OrderChannel], in transaction: Transaction) async throws -> [UInt8]? {
        try await AggregatedOrderStore.order(id, channels: channels, in: transaction)
    }

    /// `GET /sales-channel/orders/stats/summary` as JSON: counts by channel and status, totals per currency.
    public static func orderSummary(channels: [OrderChannel], in transaction: Transaction) async throws -> [UInt8] {
        try await AggregatedOrderStore.summary(channels: channels, in: transaction)
    }
}
