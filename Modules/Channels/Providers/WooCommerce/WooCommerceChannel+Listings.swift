import Foundation
import Kernel

/// Products (wc/v3), with a variable product's variations fetched beside it: one listing per variation, or the product
/// itself when it has none.
extension WooCommerceChannel {
    public static func normalize(_ product: RemoteProduct) -> [NormalizedListing] {
        let payload = product.payload
        let items = product.variants.isEmpty ? [payload] : product.variants
        return items.map { item in
            let variantID = product.variants.isEmpty ? nil : item["id"]?.nonEmptyText
            let status = item["status"]?.nonEmptyText ?? payload["status"]?.nonEmptyText
            return NormalizedListing(
                productID: product.remoteID, variantID: variantID, sku: item["sku"]?.nonEmptyText ?? "", title: payload["name"]?.nonEmptyText,
                barcode: item["global_unique_id"]?.nonEmptyText, price: item["price"]?.decimal, currency: nil,
                status: Self.listingStatus(status), remoteStatus: status,
                remoteUpdatedAt: Timestamps.utcWithoutZone(item["date_modified_gmt"]) ?? product.updatedAt,
                externalIDs: [("product_id", product.remoteID)] + (variantID.map { [("variation_id", $0)] } ?? []), rawPayload: item)
        }
    }

    /// WordPress post statuses: `publish` is live, `private` hidden, `pending` awaiting review, `trash` thrown away.
    static func listingStatus(_ status: String?) -> CanonicalListingStatus {
        switch status?.lowercased() {
        case "publish", nil: .active
        case "draft": .draft
        case "pending", "future": .unpublished
        case "trash": .archived
        default: .inactive
        }
    }
}
