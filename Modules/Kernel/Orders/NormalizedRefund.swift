import Foundation

/// One refund or return in Switchyard's own shape (seed `001_…`'s refund fields). Providers that report refunds only as
/// totals (Amazon, eBay) leave the lines empty and the components `nil`.
public struct NormalizedRefund: Sendable, Equatable {
    public var externalRefundID: String
    public var externalOrderID: String?
    public var occurredAt: Date?
    /// When the channel last changed the refund (its creation where the channel keeps no other time).
    public var lastRemoteUpdateAt: Date?
    /// The provider's aggregate refund amount.
    public var amount: Decimal?
    public var currency: String?
    public var subtotal: Decimal?
    public var shipping: Decimal?
    public var tax: Decimal?
    public var discount: Decimal?
    public var total: Decimal?
    public var paymentStatus: String?
    public var paymentMethod: String?
    public var reasonCode: String?
    public var notes: String?
    public var lines: [NormalizedRefundLine]
    /// The refund exactly as the channel gave it.
    public var rawPayload: JSONValue = .object([])

    public init(
        externalRefundID: String, externalOrderID: String?, occurredAt: Date?, amount: Decimal?, currency: String?, subtotal: Decimal? = nil,
        shipping: Decimal? = nil, tax: Decimal? = nil, discount: Decimal? = nil, total: Decimal?, paymentStatus: String? = nil,
        paymentMethod: String? = nil, reasonCode: String? = nil, notes: String? = nil, lines: [NormalizedRefundLine] = []
    ) {
        self.externalRefundID = externalRefundID
        self.externalOrderID = externalOrderID
        self.occurredAt = occurredAt
        self.amount = amount
        self.currency = currency
        self.subtotal = subtotal
        self.shipping = shipping
        self.tax = tax
        self.discount = discount
        self.total = total
        self.paymentStatus = paymentStatus
        self.paymentMethod = paymentMethod
        self.reasonCode = reasonCode
        self.notes = notes
        self.lines = lines
    }

    public var itemsTotalQuantity: Int { JSONValue.totalQuantity(self.lines.map(\.quantity)) }
}
