import Foundation
import Kernel

/// What a webhook delivery announces, in provider-neutral terms: which kind of record changed and its remote id.
/// Consumers (orders, catalog, inventory) fetch or upsert the record itself.
public struct ChannelEvent: Sendable, Equatable, Codable {
    public enum Resource: String, Sendable, Codable, CaseIterable {
        case order
        case refund
        case product
        case inventory
        case account
        case other
    }

    public let resource: Resource
    /// The provider's id of the record (kept as text: Shopify ids exceed 2^53, Magento's keep leading zeros).
    public let remoteID: String?
    /// The provider's status of the record when the delivery states it (e.g. TikTok `AWAITING_SHIPMENT`).
    public let remoteStatus: String?
    public let occurredAt: Date?

    public init(resource: Resource, remoteID: String?, remoteStatus: String? = nil, occurredAt: Date? = nil) {
        self.resource = resource
        self.remoteID = remoteID
        self.remoteStatus = remoteStatus
        self.occurredAt = occurredAt
    }
}

extension ChannelEvent.Resource {
    /// The pull that brings the announced change in. A stock change is not one: product lists do not reliably carry
    /// stock (Walmart's none) or change with it (Shopify's), so stock is read by the inventory sync.
    public var pulled: RemoteResource? {
        switch self {
        case .order: .orders
        case .refund: .refunds
        case .product: .products
        case .inventory, .account, .other: nil
        }
    }
}
