import CatalogContracts
import Kernel
import Storage

/// The Catalog context's writes.
public struct CatalogService: CatalogFacade {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func ingest(_ listings: [NormalizedListing], instance: Int64, tenant: TenantID) async throws -> ListingIngestion {
        let (changed, refused) = try await self.database.writeSkippingRefused(listings, tenant: tenant) { page, transaction in
            let changed = try await ListingStore.upsert(page, instance: instance, in: transaction)
            if !changed.isEmpty { try await ListingStore.autoMap(changed, in: transaction) }
            return changed.count
        }
        return ListingIngestion(changed: changed, rejected: refused.map(\.productID))
    }

    public func saveProduct(_ input: ProductInput, tenant: TenantID) async throws -> Product {
        try ProductRules.validate(input)
        return try await self.database.withTenant(tenant) { transaction in
            let product = try await ProductStore.save(input, in: transaction)
            if product.archivedAt == nil { try await ListingStore.autoMap(nil, sku: product.sku, in: transaction) }
            return product
        }
    }

    public func map(listing: Int64, to product: Int64?, tenant: TenantID) async throws -> Listing {
        try await self.database.withTenant(tenant) { transaction in
            if let product {
                guard let found = try await ProductStore.find(ids: [product], in: transaction).first else {
                    throw CatalogError.productNotFound(String(product))
                }
                if found.archivedAt != nil { throw CatalogError.productArchived(product) }
            }
            guard try await ListingStore.map(listing, to: product, by: .manual, in: transaction),
                let mapped = try await ListingStore.find(ids: [listing], in: transaction).first
            else { throw CatalogError.listingNotFound(String(listing)) }
            return mapped
        }
    }

    public func smartMatch(listings: [Int64]?, tenant: TenantID) async throws -> [SmartMatch] {
        try await self.database.withTenant(tenant) { transaction in
            let matches = try await ListingStore.candidates(listings, in: transaction).map(SmartMatching.match)
            try await ListingStore.map(matches.compactMap { match in match.productID.map { (match.listingID, $0) } }, by: .smart, in: transaction)
            return matches
        }
    }
}
