import Foundation
import Kernel

/// Catalog products (`V1/products`): each simple product is a listing; status 1 is enabled, 2 disabled, and a product
/// not visible on its own (visibility 1) is a configurable's child.
extension MagentoChannel {
    public static func normalize(_ product: RemoteProduct) -> [NormalizedListing] {
        let payload = product.payload
        let custom = payload["custom_attributes"]?.arrayValue ?? []
        let barcode = ["barcode", "gtin", "upc", "ean"].lazy.compactMap { code in
            custom.first { $0["attribute_code"]?.text == code }?["value"]?.nonEmptyText
        }.first
        let status: CanonicalListingStatus =
            payload["status"]?.int == 2 ? .inactive : payload["visibility"]?.int == 1 ? .unpublished : .active
        return [
            NormalizedListing(
                productID: product.remoteID, sku: payload["sku"]?.nonEmptyText ?? "", title: payload["name"]?.nonEmptyText, barcode: barcode,
                price: payload["price"]?.decimal, currency: nil, status: status, remoteStatus: payload["status"]?.text,
                remoteUpdatedAt: product.updatedAt, externalIDs: [("product_id", product.remoteID)],
                attributes: [payload["type_id"].map { ("type_id", $0) }, payload["visibility"].map { ("visibility", $0) }].compactMap(\.self),
                rawPayload: payload)
        ]
    }
}
