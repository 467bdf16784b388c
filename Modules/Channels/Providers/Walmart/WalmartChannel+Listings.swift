import Foundation
import Kernel

/// Items (`v3/items`): one listing per seller SKU, its product the WPID; the lifecycle status (retired, archived) wins
/// over the published status.
extension WalmartChannel {
    public static func normalize(_ product: RemoteProduct) -> [NormalizedListing] {
        let payload = product.payload
        let published = payload["publishedStatus"]?.nonEmptyText
        let lifecycle = payload["lifecycleStatus"]?.nonEmptyText
        let wpid = payload["wpid"]?.nonEmptyText
        return [
            NormalizedListing(
                productID: wpid ?? product.remoteID, sku: product.remoteID, title: payload["productName"]?.nonEmptyText,
                barcode: payload["gtin"]?.nonEmptyText ?? payload["upc"]?.nonEmptyText, price: payload["price", "amount"]?.decimal,
                currency: payload["price", "currency"]?.nonEmptyText, status: Self.listingStatus(published: published, lifecycle: lifecycle),
                remoteStatus: [published, lifecycle].compactMap(\.self).joined(separator: ",").nilIfEmpty, remoteUpdatedAt: product.updatedAt,
                externalIDs: [
                    wpid.map { ("wpid", $0) }, payload["gtin"]?.nonEmptyText.map { ("gtin", $0) }, payload["upc"]?.nonEmptyText.map { ("upc", $0) },
                ]
                .compactMap(\.self),
                attributes: [payload["mart"].map { ("mart", $0) }, payload["productType"].map { ("product_type", $0) }].compactMap(\.self),
                rawPayload: payload)
        ]
    }

    static func listingStatus(published: String?, lifecycle: String?) -> CanonicalListingStatus {
        switch (lifecycle?.uppercased(), published?.uppercased()) {
        case ("RETIRED", _): .retired
        case ("ARCHIVED", _): .archived
        case (_, "PUBLISHED"), (_, nil): .active
        case (_, "UNPUBLISHED"): .unpublished
        case (_, "IN_PROGRESS"), (_, "READY_TO_PUBLISH"): .draft
        default: .inactive
        }
    }
}
