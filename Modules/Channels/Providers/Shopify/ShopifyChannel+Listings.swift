import Foundation
import Kernel

/// REST products with their embedded variants: one listing per variant, keyed by the variant id, holding the
/// `inventory_item_id` an inventory push sets levels of.
extension ShopifyChannel {
    public static func normalize(_ product: RemoteProduct) -> [NormalizedListing] {
        let payload = product.payload
        let productID = product.remoteID
        let status = payload["status"]?.nonEmptyText
        return product.variants.map { variant in
            let variantTitle = variant["title"]?.nonEmptyText.flatMap { $0 == "Default Title" ? nil : $0 }
            let options = ["option1", "option2", "option3"].compactMap { key in
                variant[key]?.nonEmptyText.map { (key: key, value: JSONValue.string($0)) }
            }
            return NormalizedListing(
                productID: productID, variantID: variant["id"]?.nonEmptyText, sku: variant["sku"]?.nonEmptyText ?? "",
                title: [payload["title"]?.nonEmptyText, variantTitle].compactMap(\.self).joined(separator: " - ").nilIfEmpty,
                barcode: variant["barcode"]?.nonEmptyText, price: variant["price"]?.decimal, currency: nil,
                status: Self.listingStatus(status), remoteStatus: status,
                remoteUpdatedAt: Timestamps.iso8601(variant["updated_at"]) ?? product.updatedAt,
                externalIDs: [("product_id", productID)] + (variant["id"]?.nonEmptyText.map { [("variant_id", $0)] } ?? []),
                attributes: options + (variant["inventory_item_id"].map { [("inventory_item_id", $0)] } ?? []), rawPayload: variant)
        }
    }

    /// `active`, `draft` and `archived` are Shopify's own words; a product without a status reads as active.
    static func listingStatus(_ status: String?) -> CanonicalListingStatus {
        switch status?.lowercased() {
        case "draft": .draft
        case "archived": .archived
        case "unlisted": .unpublished
        default: .active
        }
    }
}
