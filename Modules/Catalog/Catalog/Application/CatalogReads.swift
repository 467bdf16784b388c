import CatalogContracts
import Kernel
import Storage

/// The Catalog context's reads, in the caller's transaction.
public enum CatalogReads {
    /// `GET /api/v1/skus` as JSON: `{"total", "limit", "offset", "items"}`.
    public static func skuFeed(_ query: SkuFeedQuery, in transaction: Transaction) async throws -> [UInt8] {
        try await SkuFeedStore.feed(query, in: transaction)
    }

    public static func products(search: String?, archived: Bool?, page: PageRequest, in transaction: Transaction) async throws -> Page<Product> {
        try await ProductStore.page(search: search, archived: archived, page: page, in: transaction)
    }

    public static func productCount(search: String?, archived: Bool?, in transaction: Transaction) async throws -> Int {
        try await ProductStore.count(search: search, archived: archived, in: transaction)
    }

    public static func products(ids: [Int64], in transaction: Transaction) async throws -> [Product] {
        try await ProductStore.find(ids: ids, in: transaction)
    }

    public static func listings(_ filter: ListingFilter, page: PageRequest, in transaction: Transaction) async throws -> Page<Listing> {
        try await ListingStore.page(filter, page: page, in: transaction)
    }

    public static func listingCount(_ filter: ListingFilter, in transaction: Transaction) async throws -> Int {
        try await ListingStore.count(filter, in: transaction)
    }

    public static func listings(ids: [Int64], in transaction: Transaction) async throws -> [Listing] {
        try await ListingStore.find(ids: ids, in: transaction)
    }
}
