import Foundation

/// An order as the provider holds it: the record exactly as received plus the few fields every sync needs.
public struct RemoteOrder: Sendable, Equatable {
    public let remoteID: String
    /// The provider's own status text (`Unshipped`, `AWAITING_SHIPMENT`, `processing`…).
    public let status: String?
    public let createdAt: Date?
    /// When the provider last changed the order; `nil` when it does not say (then the order counts as changed).
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

    /// The same order with its lines.
    public func with(lines: [JSONValue]) -> RemoteOrder {
        RemoteOrder(
            remoteID: self.remoteID, status: self.status, createdAt: self.createdAt, updatedAt: self.updatedAt, payload: self.payload, lines: lines)
    }

    /// What identifies one version of the order: a page served twice yields the same keys.
    var contentKey: String { "\(self.remoteID)|\(self.updatedAt?.timeIntervalSince1970 ?? 0)|\(self.status ?? "")" }
}
