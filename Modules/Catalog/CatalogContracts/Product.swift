import Foundation
import Kernel

/// A SKU master entry: one product per seller SKU, whatever channels list it.
public struct Product: Sendable, Equatable, Encodable {
    public let id: Int64
    public let sku: String
    public let name: String
    public let barcode: String?
    public let attributes: JSONValue
    /// Below this much available stock the SKU raises a low-stock alert; `nil` for none.
    public let lowStockThreshold: Int64?
    public let unitCost: Decimal?
    public let archivedAt: Date?
    public let createdAt: Date
    public let updatedAt: Date

    public init(
        id: Int64, sku: String, name: String, barcode: String?, attributes: JSONValue, lowStockThreshold: Int64?, unitCost: Decimal?,
        archivedAt: Date?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.sku = sku
        self.name = name
        self.barcode = barcode
        self.attributes = attributes
        self.lowStockThreshold = lowStockThreshold
        self.unitCost = unitCost
        self.archivedAt = archivedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What a product is saved with; its SKU picks the product to change.
public struct ProductInput: Sendable, Equatable {
    public var sku: String
    public var name: String
    public var barcode: String?
    /// A JSON object of further attributes (colour, size, material…); `nil` keeps what the product has.
    public var attributes: JSONValue?
    public var lowStockThreshold: Int64?
    public var unitCost: Decimal?

    public init(
        sku: String, name: String, barcode: String? = nil, attributes: JSONValue? = nil, lowStockThreshold: Int64? = nil, unitCost: Decimal? = nil
    ) {
        self.sku = sku
        self.name = name
        self.barcode = barcode
        self.attributes = attributes
        self.lowStockThreshold = lowStockThreshold
        self.unitCost = unitCost
    }
}
