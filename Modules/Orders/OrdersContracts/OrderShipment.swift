import Foundation

/// A shipment recorded for an order (by the ERP or an admin) and where its push to the channel stands.
public struct OrderShipment: Sendable, Equatable {
    public enum PushStatus: String, Sendable, CaseIterable {
        case pending
        case pushing
        case succeeded
        case failed
    }

    public let id: Int64
    public let orderID: Int64
    public let carrier: String
    public let service: String?
    public let trackingNumber: String
    public let shippedAt: Date?
    public let status: PushStatus
    public let attempts: Int
    public let lastError: String?
    public let remoteShipmentID: String?
    public let pushedAt: Date?
    public let createdAt: Date

    public init(
        id: Int64, orderID: Int64, carrier: String, service: String?, trackingNumber: String, shippedAt: Date?, status: PushStatus,
        attempts: Int, lastError: String?, remoteShipmentID: String?, pushedAt: Date?, createdAt: Date
    ) {
        self.id = id
        self.orderID = orderID
        self.carrier = carrier
        self.service = service
        self.trackingNumber = trackingNumber
        self.shippedAt = shippedAt
        self.status = status
        self.attempts = attempts
        self.lastError = lastError
        self.remoteShipmentID = remoteShipmentID
        self.pushedAt = pushedAt
        self.createdAt = createdAt
    }
}
