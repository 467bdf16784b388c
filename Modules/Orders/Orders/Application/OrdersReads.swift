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
}
