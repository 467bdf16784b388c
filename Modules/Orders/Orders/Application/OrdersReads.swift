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
}
