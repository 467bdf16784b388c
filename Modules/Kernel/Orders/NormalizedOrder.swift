import Foundation

/// One channel order in Switchyard's own shape (seed `001_…`'s order fields), read from the provider's payload by its
/// adapter. Amounts are in the order's currency; `nil` where the channel does not say.
public struct NormalizedOrder: Sendable, Equatable {
    public var externalOrderID: String
    /// The channel's lifecycle state, as the channel spells it (`Unshipped`, `open`, `AWAITING_SHIPMENT`…).
    public var status: String?
    /// The channel's financial state (`paid`, `pending`, `refunded`…), independent of `status`.
    public var paymentStatus: String?
    public var canonicalStatus: CanonicalOrderStatus
    public var orderedAt: Date?
    public var lastRemoteUpdateAt: Date?
    /// The number people see (`#1001`) where it differs from the id.
    public var orderNumberHint: String?
    /// Whether the prices include tax (Shopify's `taxes_included`); `nil` where the channel does not say.
    public var taxesIncluded: Bool?
    public var buyerName: String?
    public var buyerEmail: String?
    public var currency: String?
    public var subtotal: Decimal?
    public var shipping: Decimal?
    public var tax: Decimal?
    public var discount: Decimal?
    public var total: Decimal?
    public var billingAddress: PostalAddress?
    public var shippingAddress: PostalAddress?
    public var paymentMethod: String?
    public var isGift: Bool
    public var notes: String?
    public var lines: [NormalizedOrderLine]
    /// Provider facts with no field of their own (Amazon's fulfillment channel, a marketplace id…).
    public var channelMetadata: [String: String]
    /// The order exactly as the channel gave it, and its lines where the channel lists them apart (Amazon, BigCommerce).
    public var rawPayload: JSONValue = .object([])
    public var rawLines: [JSONValue] = []

    public init(
        externalOrderID: String, status: String?, paymentStatus: String?, canonicalStatus: CanonicalOrderStatus, orderedAt: Date?,
        lastRemoteUpdateAt: Date?, orderNumberHint: String? = nil, taxesIncluded: Bool? = nil, buyerName: String? = nil,
        buyerEmail: String? = nil, currency: String?, subtotal: Decimal? = nil, shipping: Decimal? = nil, tax: Decimal? = nil,
        discount: Decimal? = nil, total: Decimal? = nil, billingAddress: PostalAddress? = nil, shippingAddress: PostalAddress? = nil,
        paymentMethod: String? = nil, isGift: Bool = false, notes: String? = nil, lines: [NormalizedOrderLine],
        channelMetadata: [String: String] = [:]
    ) {
        self.externalOrderID = externalOrderID
        self.status = status
        self.paymentStatus = paymentStatus
        self.canonicalStatus = canonicalStatus
        self.orderedAt = orderedAt
        self.lastRemoteUpdateAt = lastRemoteUpdateAt
        self.orderNumberHint = orderNumberHint
        self.taxesIncluded = taxesIncluded
        self.buyerName = buyerName
        self.buyerEmail = buyerEmail
        self.currency = currency
        self.subtotal = subtotal
        self.shipping = shipping
        self.tax = tax
        self.discount = discount
        self.total = total
        self.billingAddress = billingAddress?.nonEmpty
        self.shippingAddress = shippingAddress?.nonEmpty
        self.paymentMethod = paymentMethod
        self.isGift = isGift
        self.notes = notes
        self.lines = lines
        self.channelMetadata = channelMetadata
    }

    public var itemsTotalQuantity: Int { JSONValue.totalQuantity(self.lines.map(\.quantity)) }
}
