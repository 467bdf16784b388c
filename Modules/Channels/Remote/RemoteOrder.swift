import Foundation
import Kernel

/// An order as the provider holds it.
public struct RemoteOrder: RemoteRecord {
    public static let resource = RemoteResource.orders
    public let remoteID: String
    /// The provider's own status text (`Unshipped`, `AWAITING_SHIPMENT`, `processing`…).
    public let status: String?
    public let createdAt: Date?
    public let updatedAt: Date?
    public let payload: JSONValue
    /// The order's lines: embedded in `payload` for most providers, fetched separately for Amazon and BigCommerce.
    public let lines: [JSONValue]

    public init(remoteID: String, status: String?, createdAt: Date?, updatedAt: Date?, payload: JSONValue, lines: [JSONValue]) {
        self.remoteID = remoteID
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.payload = payload
        self.lines = lines
    }

    public var parentID: String? { nil }
    public var parts: [JSONValue] { self.lines }

    public static func fetch(_ query: PullQuery, from adapter: any ChannelProvider) async throws(ChannelCallError) -> OrderPage {
        try await adapter.fetchOrders(query)
    }

    public func completed(by adapter: any ChannelProvider) async throws(ChannelCallError) -> RemoteOrder {
        self.with(lines: try await adapter.orderLines(self))
    }

    /// The same order with its lines.
    public func with(lines: [JSONValue]) -> RemoteOrder {
        RemoteOrder(
            remoteID: self.remoteID, status: self.status, createdAt: self.createdAt, updatedAt: self.updatedAt, payload: self.payload, lines: lines)
    }
}
