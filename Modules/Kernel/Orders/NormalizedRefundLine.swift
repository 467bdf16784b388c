import Foundation

/// One refunded line of a `NormalizedRefund`.
public struct NormalizedRefundLine: Sendable, Equatable {
    public var externalLineID: String?
    public var sku: String?
    public var title: String?
    public var variantSKU: String?
    public var quantity: Int
    public var currency: String?
    public var unitRefund: Decimal?
    public var totalRefund: Decimal?
    public var tax: Decimal?
    public var discount: Decimal?
    public var shipping: Decimal?
    public var reasonCode: String?
    public var notes: String?

    public init(
        externalLineID: String?, sku: String?, title: String? = nil, variantSKU: String? = nil, quantity: Int, currency: String?,
        unitRefund: Decimal?, totalRefund: Decimal?, tax: Decimal? = nil, discount: Decimal? = nil, shipping: Decimal? = nil,
        reasonCode: String? = nil, notes: String? = nil
    ) {
        self.externalLineID = externalLineID
        self.sku = sku
        self.title = title
        self.variantSKU = variantSKU
        self.quantity = quantity
        self.currency = currency
        self.unitRefund = unitRefund
        self.totalRefund = totalRefund
        self.tax = tax
        self.discount = discount
        self.shipping = shipping
        self.reasonCode = reasonCode
        self.notes = notes
    }
}
