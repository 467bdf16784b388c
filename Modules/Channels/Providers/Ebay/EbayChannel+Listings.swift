import Foundation
import Kernel

/// Inventory items (Inventory API): keyed by the seller's SKU, which is also the product; the price lives on offers,
/// which a catalog pull does not read.
extension EbayChannel {
    public static func normalize(_ product: RemoteProduct) -> [NormalizedListing] {
        let payload = product.payload
        let gtins = ["upc", "ean", "isbn"].flatMap { payload["product", $0]?.arrayValue ?? [] }
        return [
            NormalizedListing(
                productID: product.remoteID, sku: product.remoteID, title: payload["product", "title"]?.nonEmptyText,
                barcode: gtins.first?.nonEmptyText, price: nil, currency: nil, status: .active, remoteStatus: nil,
                remoteUpdatedAt: product.updatedAt,
                attributes: [payload["condition"].map { ("condition", $0) }, gtins.isEmpty ? nil : ("gtins", JSONValue.array(gtins))]
                    .compactMap(\.self),
                rawPayload: payload)
        ]
    }
}
