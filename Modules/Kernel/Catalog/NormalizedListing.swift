import Foundation

/// One sellable SKU as a channel lists it (a product, or one variant of it), in Switchyard's shape: the item master the
/// Catalog context keeps per (instance, product, variant), with the identifiers an inventory push needs.
public struct NormalizedListing: Sendable, Equatable {
    /// The channel's product identifier (`channel_product_id`): Shopify's product id, Amazon's ASIN, Walmart's WPID…
    public var productID: String
    /// The channel's variant identifier, when the channel has variants.
    public var variantID: String?
    public var sku: String
    public var title: String?
    public var barcode: String?
    public var price: Decimal?
    public var currency: String?
    public var status: CanonicalListingStatus
    /// The channel's own status text, as it wrote it.
    public var remoteStatus: String?
    public var remoteUpdatedAt: Date?
    /// Provider-specific ids (`product_id`, `variant_id`, `asin`, `wpid`…).
    public var externalIDs: [(key: String, value: String)]
    /// Further attributes the provider gives (`inventory_item_id`, `condition`, `marketplace_id`…).
    public var attributes: [(key: String, value: JSONValue)]
    /// The channel's payload the fields were read from (the variant within its product where there is one).
    public var rawPayload: JSONValue

    public init(
        productID: String, variantID: String? = nil, sku: String, title: String?, barcode: String?, price: Decimal?, currency: String?,
        status: CanonicalListingStatus, remoteStatus: String?, remoteUpdatedAt: Date?, externalIDs: [(key: String, value: String)] = [],
        attributes: [(key: String, value: JSONValue)] = [], rawPayload: JSONValue
    ) {
        self.productID = productID
        self.variantID = variantID
        self.sku = sku
        self.title = title
        self.barcode = barcode
        self.price = price
        self.currency = currency
        self.status = status
        self.remoteStatus = remoteStatus
        self.remoteUpdatedAt = remoteUpdatedAt
        self.externalIDs = externalIDs
        self.attributes = attributes
        self.rawPayload = rawPayload
    }

    public static func == (left: NormalizedListing, right: NormalizedListing) -> Bool {
        left.productID == right.productID && left.variantID == right.variantID && left.sku == right.sku && left.title == right.title
            && left.barcode == right.barcode && left.price == right.price && left.currency == right.currency && left.status == right.status
            && left.remoteStatus == right.remoteStatus && left.remoteUpdatedAt == right.remoteUpdatedAt
            && left.externalIDs.elementsEqual(right.externalIDs, by: { $0 == $1 })
            && left.attributes.elementsEqual(right.attributes, by: { $0.key == $1.key && $0.value == $1.value })
            && left.rawPayload == right.rawPayload
    }
}
