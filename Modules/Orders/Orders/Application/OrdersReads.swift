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

    /// A page of the admin's channel-order list: one instance's orders or every instance's.
    public static func channelOrders(
        instance: Int64?, filter: ChannelOrderFilter?, sort: [ListSort<ChannelOrderSortField>], page: PageRequest, in transaction: Transaction
    ) async throws -> Page<ChannelOrder> {
        try await ChannelOrderStore.page(instance: instance, filter: filter, sort: sort, page: page, in: transaction)
    }

    public static func channelOrderCount(instance: Int64?, filter: ChannelOrderFilter?, in transaction: Transaction) async throws -> Int {
        try await ChannelOrderStore.count(instance: instance, filter: filter, in: transaction)
    }

    public static func channelOrders(ids: [Int64], in transaction: Transaction) async throws -> [ChannelOrder] {
        try await ChannelOrderStore.find(ids: ids, in: transaction)
    }

    public static func rawPayloads(of orderIDs: [Int64], in transaction: Transaction) async throws -> [Int64: JSONValue] {
        try await ChannelOrderStore.rawPayloads(of: orderIDs, in: transaction)
    }

    public static func lines(of orderIDs: [Int64], in transaction: Transaction) async throws -> [Int64: [ChannelOrderLine]] {
        try await OrderDetailStore.lines(of: orderIDs, in: transaction)
    }

    public static func refunds(of orderIDs: [Int64], in transaction: Transaction) async throws -> [Int64: [ChannelRefund]] {
        try await OrderDetailStore.refunds(of: orderIDs, in: transaction)
    }

    public static func shipments(of orderIDs: [Int64], in transaction: Transaction) async throws -> [Int64: [OrderShipment]] {
        try await OrderDetailStore.shipments(of: orderIDs, in: transaction)
    }

    /// Counts by status, channel and currency of the orders the list's filter admits.
    public static func orderStats(instance: Int64?, filter: ChannelOrderFilter?, in transaction: Transaction) async throws -> OrderStats {
        try await OrderStatsStore.stats(instance: instance, filter: filter, in: transaction)
    }

    public static func orderFilterOptions(instance: Int64?, in transaction: Transaction) async throws -> OrderFilterOptions {
        try await OrderStatsStore.filterOptions(instance: instance, in: transaction)
    }
}
