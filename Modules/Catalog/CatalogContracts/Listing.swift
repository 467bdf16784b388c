import Foundation
import Kernel

/// One sellable SKU as a channel lists it (the item master whose id an ERP sends as `item_master_id`), and the product it
/// is mapped to.
public struct Listing: Sendable, Equatable {
    public let id: Int64
    public let instanceID: Int64
    public let channelProductID: String
    public let channelVariantID: String?
    public let sku: String
    public let title: String?
    public let barcode: String?
    public let price: Decimal?
    public let currency: String?
    public let status: CanonicalListingStatus
    public let remoteStatus: String?
    public let remoteUpdatedAt: Date?
    public let productID: Int64?
    public let mappedBy: MappingSource?
    public let updatedAt: Date

    public init(
        id: Int64, instanceID: Int64, channelProductID: String, channelVariantID: String?, sku: String, title: String?, barcode: String?,
        price: Decimal?, currency: String?, status: CanonicalListingStatus, remoteStatus: String?, remoteUpdatedAt: Date?, productID: Int64?,
        mappedBy: MappingSource?, updatedAt: Date
    ) {
        self.id = id
        self.instanceID = instanceID
        self.channelProductID = channelProductID
        self.channelVariantID = channelVariantID
        self.sku = sku
        self.title = title
        self.barcode = barcode
        self.price = price
        self.currency = currency
        self.status = status
        self.remoteStatus = remoteStatus
        self.remoteUpdatedAt = remoteUpdatedAt
        self.productID = productID
        self.mappedBy = mappedBy
        self.updatedAt = updatedAt
    }
}

/// How a listing came to be mapped to its product.
public enum MappingSource: String, Sendable, Codable, CaseIterable {
    /// Someone chose the product.
    case manual
    /// Smart match found it by SKU or barcode.
    case smart
    /// A sync found a product with the listing's SKU.
    case auto
}

/// What smart match found for one listing.
public struct SmartMatch: Sendable, Equatable {
    public enum Basis: String, Sendable {
        case sku
        case barcode
        /// Nothing matched, or the barcode matched more than one product.
        case none
    }

    public let listingID: Int64
    public let productID: Int64?
    public let basis: Basis
    public let explanation: String

    public init(listingID: Int64, productID: Int64?, basis: Basis, explanation: String) {
        self.listingID = listingID
        self.productID = productID
        self.basis = basis
        self.explanation = explanation
    }
}
