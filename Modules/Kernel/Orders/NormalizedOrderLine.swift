import Foundation

/// One line of a `NormalizedOrder` (seed `001_…`'s line item fields).
public struct NormalizedOrderLine: Sendable, Equatable {
    public var externalLineID: String?
    public var sku: String?
    public var title: String?
    /// The variant's option text (`Red / S`) where the channel gives one.
    public var variantSKU: String?
    /// The channel's product and variant ids, by which a line finds its item master before falling back to the SKU.
    public var channelProductID: String?
    public var channelVariantID: String?
    public var quantity: Int
    public var currency: String?
    /// The list price per unit, before discounts.
    public var unitPrice: Decimal?
    /// What one unit sold for after every discount, tax excluded, to 2 places (seed `001_…`'s per-provider rule).
    public var sellingUnitPrice: Decimal?
    public var totalPrice: Decimal?
    public var tax: Decimal?
    public var discount: Decimal?
    public var shipping: Decimal?
    public var fulfillmentStatus: String?
    public var isGift: Bool
    public var notes: String?
    /// Shopify's location assigned to fulfil the line, where known.
    public var assignedLocationID: Int64?
    public var assignedLocationName: String?

    public init(
        externalLineID: String?, sku: String?, title: String?, variantSKU: String? = nil, channelProductID: String? = nil,
        channelVariantID: String? = nil, quantity: Int, currency: String?, unitPrice: Decimal?, sellingUnitPrice: Decimal?,
        totalPrice: Decimal?, tax: Decimal? = nil, discount: Decimal? = nil, shipping: Decimal? = nil, fulfillmentStatus: String? = nil,
        isGift: Bool = false, notes: String? = nil, assignedLocationID: Int64? = nil, assignedLocationName: String? = nil
    ) {
        self.externalLineID = externalLineID
        self.sku = sku
        self.title = title
        self.variantSKU = variantSKU
        self.channelProductID = channelProductID
        self.channelVariantID = channelVariantID
        self.quantity = quantity
        self.currency = currency
        self.unitPrice = unitPrice
        self.sellingUnitPrice = sellingUnitPrice
        self.totalPrice = totalPrice
        self.tax = tax
        self.discount = discount
        self.shipping = shipping
        self.fulfillmentStatus = fulfillmentStatus
        self.isGift = isGift
        self.notes = notes
        self.assignedLocationID = assignedLocationID
        self.assignedLocationName = assignedLocationName
    }
}
