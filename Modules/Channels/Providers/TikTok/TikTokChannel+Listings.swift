import Foundation
import Kernel

/// Products (Product API 202309) with their SKUs: one listing per SKU, keyed by TikTok's SKU id.
extension TikTokChannel {
    public static func normalize(_ product: RemoteProduct) -> [NormalizedListing] {
        let payload = product.payload
        let status = payload["status"]?.nonEmptyText
        return product.variants.map { sku in
            let warehouses = (sku["inventory"]?.arrayValue ?? []).compactMap { $0["warehouse_id"] }
            return NormalizedListing(
                productID: product.remoteID, variantID: sku["id"]?.nonEmptyText, sku: sku["seller_sku"]?.nonEmptyText ?? "",
                title: payload["title"]?.nonEmptyText, barcode: sku["identifier_code", "code"]?.nonEmptyText,
                price: sku["price", "tax_exclusive_price"]?.decimal ?? sku["price", "sale_price"]?.decimal,
                currency: sku["price", "currency"]?.nonEmptyText,
                status: Self.listingStatus(status), remoteStatus: status, remoteUpdatedAt: product.updatedAt,
                externalIDs: [("product_id", product.remoteID)] + (sku["id"]?.nonEmptyText.map { [("sku_id", $0)] } ?? []),
                attributes: warehouses.isEmpty ? [] : [("warehouse_ids", .array(warehouses))], rawPayload: sku)
        }
    }

    static func listingStatus(_ status: String?) -> CanonicalListingStatus {
        switch status?.uppercased() {
        case "ACTIVATE", nil: .active
        case "DRAFT": .draft
        case "PENDING", "FAILED": .unpublished
        case "DELETED": .retired
        default: .inactive
        }
    }
}
