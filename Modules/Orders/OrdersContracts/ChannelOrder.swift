import Foundation
import Kernel

/// A stored channel order as the admin's order list shows it: the normalized fields and Switchyard's own facts about it.
/// Its lines, refunds, shipments and raw payload are read apart (`OrdersReads`), for the orders that ask for them.
public struct ChannelOrder: Sendable, Equatable {
    public let id: Int64
    public let instanceID: Int64
    public let provider: Provider
    public let externalOrderID: String
    public let status: String?
    public let paymentStatus: String?
    public let canonicalStatus: CanonicalOrderStatus
    /// A status an admin set that the channel has not confirmed yet.
    public let localStatus: CanonicalOrderStatus?
    public let orderedAt: Date?
    public let lastRemoteUpdateAt: Date?
    public let orderNumberHint: String?
    public let taxesIncluded: Bool?
    public let buyerName: String?
    public let buyerEmail: String?
    public let currency: String?
    public let amounts: OrderAmounts
    public let billingAddress: PostalAddress?
    public let shippingAddress: PostalAddress?
    public let paymentMethod: String?
    public let isGift: Bool
    public let notes: String?
    public let lineItemsCount: Int
    public let itemsTotalQuantity: Int
    public let channelMetadata: JSONValue
    public let importedToErp: Bool
    public let importedAt: Date?
    public let archivedAt: Date?
    public let createdAt: Date
    public let updatedAt: Date

    public init(
        id: Int64, instanceID: Int64, provider: Provider, externalOrderID: String, status: String?, paymentStatus: String?,
        canonicalStatus: CanonicalOrderStatus, localStatus: CanonicalOrderStatus?, orderedAt: Date?, lastRemoteUpdateAt: Date?,
        orderNumberHint: String?, taxesIncluded: Bool?, buyerName: String?, buyerEmail: String?, currency: String?, amounts: OrderAmounts,
        billingAddress: PostalAddress?, shippingAddress: PostalAddress?, paymentMethod: String?, isGift: Bool, notes: String?,
        lineItemsCount: Int, itemsTotalQuantity: Int, channelMetadata: JSONValue, importedToErp: Bool, importedAt: Date?, archivedAt: Date?,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.instanceID = instanceID
        self.provider = provider
        self.externalOrderID = externalOrderID
        self.status = status
        self.paymentStatus = paymentStatus
        self.canonicalStatus = canonicalStatus
        self.localStatus = localStatus
        self.orderedAt = orderedAt
        self.lastRemoteUpdateAt = lastRemoteUpdateAt
        self.orderNumberHint = orderNumberHint
        self.taxesIncluded = taxesIncluded
        self.buyerName = buyerName
        self.buyerEmail = buyerEmail
        self.currency = currency
        self.amounts = amounts
        self.billingAddress = billingAddress
        self.shippingAddress = shippingAddress
        self.paymentMethod = paymentMethod
        self.isGift = isGift
        self.notes = notes
        self.lineItemsCount = lineItemsCount
        self.itemsTotalQuantity = itemsTotalQuantity
        self.channelMetadata = channelMetadata
        self.importedToErp = importedToErp
        self.importedAt = importedAt
        self.archivedAt = archivedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// What the aggregated view shows: the admin's status until the channel reports a later change.
    public var aggregatedStatus: CanonicalOrderStatus { self.localStatus ?? self.canonicalStatus }
}

/// An order's or refund's money, in its currency; `nil` where the channel does not say.
public struct OrderAmounts: Sendable, Equatable {
    public let subtotal: Decimal?
    public let shipping: Decimal?
    public let tax: Decimal?
    public let discount: Decimal?
    public let total: Decimal?

    public init(subtotal: Decimal?, shipping: Decimal?, tax: Decimal?, discount: Decimal?, total: Decimal?) {
        self.subtotal = subtotal
        self.shipping = shipping
        self.tax = tax
        self.discount = discount
        self.total = total
    }
}
