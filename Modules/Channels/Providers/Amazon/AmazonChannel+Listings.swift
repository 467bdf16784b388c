import Foundation
import Kernel

/// Listings Items (`searchListingsItems` with summaries and offers): one listing per seller SKU, its product the ASIN.
extension AmazonChannel {
    public static func normalize(_ product: RemoteProduct) -> [NormalizedListing] {
        let payload = product.payload
        let summary = payload["summaries"]?.arrayValue?.first
        let offer = payload["offers"]?.arrayValue?.first
        let statuses = summary?["status"]?.arrayValue?.compactMap(\.text) ?? []
        let asin = summary?["asin"]?.nonEmptyText
        let marketplace = summary?["marketplaceId"]?.nonEmptyText
        return [
            NormalizedListing(
                productID: asin ?? product.remoteID, sku: product.remoteID, title: summary?["itemName"]?.nonEmptyText, barcode: nil,
                price: offer?["price", "amount"]?.decimal, currency: offer?["price", "currencyCode"]?.nonEmptyText,
                status: statuses.contains("BUYABLE") ? .active : .inactive, remoteStatus: statuses.joined(separator: ",").nilIfEmpty,
                remoteUpdatedAt: product.updatedAt, externalIDs: asin.map { [("asin", $0)] } ?? [],
                attributes: [
                    marketplace.map { ("marketplace_id", JSONValue.string($0)) }, summary?["productType"].map { ("product_type", $0) },
                    summary?["conditionType"].map { ("condition", $0) },
                ].compactMap(\.self),
                rawPayload: payload)
        ]
    }
}
