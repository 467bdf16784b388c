import Foundation
import Kernel

/// Catalog products (v3, with their variants): one listing per variant, or the product itself when it has none.
extension BigCommerceChannel {
    public static func normalize(_ product: RemoteProduct) -> [NormalizedListing] {
        let payload = product.payload
        let status: CanonicalListingStatus =
            payload["availability"]?.text == "disabled" ? .inactive : payload["is_visible"]?.bool == false ? .unpublished : .active
        let remoteStatus = [payload["availability"]?.nonEmptyText, payload["is_visible"]?.bool.map { $0 ? "visible" : "hidden" }]
            .compactMap(\.self).joined(separator: ",").nilIfEmpty
        let items = product.variants.isEmpty ? [payload] : product.variants
        return items.map { item in
            let variantID = product.variants.isEmpty ? nil : item["id"]?.nonEmptyText
            return NormalizedListing(
                productID: product.remoteID, variantID: variantID, sku: item["sku"]?.nonEmptyText ?? "", title: payload["name"]?.nonEmptyText,
                barcode: item["upc"]?.nonEmptyText ?? item["gtin"]?.nonEmptyText ?? payload["upc"]?.nonEmptyText,
                price: item["price"]?.decimal ?? item["calculated_price"]?.decimal ?? payload["price"]?.decimal, currency: nil, status: status,
                remoteStatus: remoteStatus, remoteUpdatedAt: product.updatedAt,
                externalIDs: [("product_id", product.remoteID)] + (variantID.map { [("variant_id", $0)] } ?? []), rawPayload: item)
        }
    }
}
