import CatalogContracts

/// How smart match picks a listing's product: the product with its SKU; else the one product with its barcode (several
/// products sharing a barcode are left for a person to choose).
enum SmartMatching {
    static func match(_ candidate: (listing: Int64, sku: Int64?, barcode: [Int64])) -> SmartMatch {
        if let product = candidate.sku {
            return SmartMatch(listingID: candidate.listing, productID: product, basis: .sku, explanation: "The product has the listing's SKU.")
        }
        switch candidate.barcode.count {
        case 1:
            return SmartMatch(
                listingID: candidate.listing, productID: candidate.barcode[0], basis: .barcode,
                explanation: "No product has the listing's SKU; one has its barcode.")
        case 0:
            return SmartMatch(
                listingID: candidate.listing, productID: nil, basis: .none, explanation: "No product has the listing's SKU or barcode.")
        default:
            return SmartMatch(
                listingID: candidate.listing, productID: nil, basis: .none,
                explanation: "No product has the listing's SKU, and \(candidate.barcode.count) have its barcode; map it by hand.")
        }
    }
}
