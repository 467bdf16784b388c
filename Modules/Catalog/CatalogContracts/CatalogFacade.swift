import Kernel

/// The Catalog context's writes: the SKU master (products), the listings each channel holds (item masters) and the
/// mapping between them. Reads go through `CatalogReads` in the caller's transaction.
public protocol CatalogFacade: Sendable {
    /// Stores a pulled page of one instance's listings: an idempotent upsert keyed by (instance, channel product,
    /// channel variant), where an older `remoteUpdatedAt` never overwrites a newer one. An unmapped listing whose SKU a
    /// product has is mapped to it (`auto`). Listings the database cannot hold are skipped and named.
    func ingest(_ listings: [NormalizedListing], instance: Int64, tenant: TenantID) async throws -> ListingIngestion
    /// Adds the product with the input's SKU, or changes the one that has it; unmapped listings of that SKU map to it.
    func saveProduct(_ input: ProductInput, tenant: TenantID) async throws -> Product
    /// Maps a listing to a product (`manual`), or unmaps it when `product` is `nil`.
    func map(listing: Int64, to product: Int64?, tenant: TenantID) async throws -> Listing
    /// Maps each unmapped listing (of `listings`, or all) to the product with its SKU, else the one product with its
    /// barcode; answers every listing looked at with what was found and why.
    func smartMatch(listings: [Int64]?, tenant: TenantID) async throws -> [SmartMatch]
}
