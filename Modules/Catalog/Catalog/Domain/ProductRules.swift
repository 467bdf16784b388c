import CatalogContracts
import Foundation
import Kernel

/// The checks a product passes before it is saved.
enum ProductRules {
    static let maxSKULength = 255
    static let maxNameLength = 500
    static let maxBarcodeLength = 64
    static let maxThreshold: Int64 = 1_000_000_000
    static let maxUnitCost = Decimal(string: "99999999999999")!

    /// Throws `CatalogError.invalidField` naming the first field that cannot be stored.
    static func validate(_ input: ProductInput) throws {
        if let reason = StoredText.problem(input.sku, limit: Self.maxSKULength) { throw CatalogError.invalidField(field: "sku", reason: reason) }
        if let reason = StoredText.problem(input.name, limit: Self.maxNameLength) { throw CatalogError.invalidField(field: "name", reason: reason) }
        if let barcode = input.barcode, let reason = StoredText.problem(barcode, limit: Self.maxBarcodeLength) {
            throw CatalogError.invalidField(field: "barcode", reason: reason)
        }
        if let attributes = input.attributes, case .object = attributes {
        } else if input.attributes != nil {
            throw CatalogError.invalidField(field: "attributes", reason: "must be a JSON object.")
        }
        if let threshold = input.lowStockThreshold, !(0...Self.maxThreshold).contains(threshold) {
            throw CatalogError.invalidField(
                field: "lowStockThreshold", reason: "must be a whole number from 0 to \(Self.maxThreshold), not \(threshold).")
        }
        if let cost = input.unitCost, cost < 0 || cost > Self.maxUnitCost || cost.exponent < -4 {
            throw CatalogError.invalidField(field: "unitCost", reason: "must be an amount from 0 with at most 4 decimal places, not \(cost).")
        }
    }
}
