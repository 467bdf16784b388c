import Kernel

/// Which pulled listings can be stored: a SKU and product id the database takes (no control characters, sane length),
/// and no NUL anywhere (PostgreSQL text and jsonb refuse it). A listing that fails is skipped rather than failing its
/// page.
enum ListingRules {
    static let maxIdentifierLength = 255

    static func storable(_ listing: NormalizedListing) -> Bool {
        StoredText.problem(listing.sku, limit: Self.maxIdentifierLength) == nil
            && StoredText.problem(listing.productID, limit: Self.maxIdentifierLength) == nil
            && (listing.variantID.map { StoredText.problem($0, limit: Self.maxIdentifierLength) == nil } ?? true)
            && ![listing.title, listing.barcode, listing.currency, listing.remoteStatus].contains { $0?.contains("\0") == true }
            && ![listing.rawPayload, .object(listing.attributes), .object(listing.externalIDs.map { ($0.key, .string($0.value)) })].contains {
                String(decoding: $0.serialized(), as: UTF8.self).contains("\\u0000")
            }
    }
}
