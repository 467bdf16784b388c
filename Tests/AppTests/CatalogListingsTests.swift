import App
import Catalog
import CatalogContracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import IdentityContracts
import Kernel
import Sandbox
import Storage
import TestSupport
import Testing

/// Every provider's products, pulled from the Sandbox over HTTP by the scheduled pull, become listings (item masters)
/// with their identifiers, canonical status and raw payload; the ERP reads them from `GET /api/v1/skus` exactly as seed
/// `001_…` writes it; a pulled page delivered again changes nothing.
@Suite struct CatalogListingsTests {
    /// The identifier each provider's inventory push needs, as `/api/v1/skus` shows it (`attrs` or `external_ids`).
    static let identifier: [Provider: (object: String, key: String)] = [
        .shopify: ("attrs", "inventory_item_id"), .amazon: ("external_ids", "asin"), .walmart: ("external_ids", "wpid"),
        .ebay: ("attrs", "condition"), .tiktok: ("external_ids", "sku_id"), .woocommerce: ("external_ids", "product_id"),
        .bigcommerce: ("external_ids", "variant_id"), .magento: ("external_ids", "product_id"),
    ]

    @Test(arguments: [Provider.shopify, .amazon, .walmart, .ebay, .tiktok, .woocommerce, .bigcommerce, .magento])
    func everyProvidersProductsBecomeListingsTheErpReads(provider: Provider) async throws {
        try await RemotePullTests.connected(provider, seed: 11) { sandbox, fixture, client, _, _ in
            try await withRunningWorker(fastWorker(fixture.environment.database, fixture.jobs)) {
                try await eventually("the scheduled product pull finishes") {
                    try await fixture.count("integrations.sync_runs WHERE operation = 'products_pull' AND status = 'succeeded'") == 1
                }
            }
            let catalog = await sandbox.store.products(provider, updatedSince: .distantPast).map(\.item)
            #expect(try await fixture.count("catalog.listings") == catalog.count)

            let erp = try await fixture.identity.issueToken(tenant: fixture.tenant.id, name: "ERP", scopes: ["erp"], createdBy: "test").secret
            let (status, body) = try await ErpOrdersTests.get(client, "/api/v1/skus?limit=500", key: erp)
            #expect(status == .ok)
            let feed = try #require(body as? [String: Any])
            #expect(feed["total"] as? Int == catalog.count && feed["limit"] as? Int == 500 && feed["offset"] as? Int == 0)
            let items = try #require(feed["items"] as? [[String: Any]])
            #expect(Set(items.compactMap { $0["sku"] as? String }) == Set(catalog.map(\.sku)))
            let first = try #require(items.first { $0["sku"] as? String == catalog[0].sku })
            #expect(first["provider"] as? String == provider.rawValue && first["channel"] as? String != nil)
            #expect(first["title"] as? String == catalog[0].title, "\(first)")
            #expect(first["status"] as? String == "active" && first["active"] as? Bool == true)
            #expect(first["id"] is Int && first["channel_product_id"] is String && first["raw_payload"] is [String: Any])
            if provider != .amazon, provider != .ebay {
                #expect((first["price"] as? NSNumber)?.decimalValue == catalog[0].price, "\(first)")
            }
            if provider != .amazon, provider != .tiktok {
                #expect(first["barcode"] as? String == catalog[0].barcode || catalog[0].barcode.hasSuffix(first["barcode"] as? String ?? "-"))
            }
            let identifier = try #require(Self.identifier[provider])
            #expect((first[identifier.object] as? [String: Any])?[identifier.key] != nil, "\(first)")
            #expect(items.allSatisfy { $0["channel_variant_id"] is NSNull || $0["channel_variant_id"] is String })

            let (_, paged) = try await ErpOrdersTests.get(client, "/api/v1/skus?limit=5&offset=10", key: erp)
            #expect(((paged as? [String: Any])?["items"] as? [Any])?.count == max(0, min(5, catalog.count - 10)))
            let (_, archived) = try await ErpOrdersTests.get(client, "/api/v1/skus?status=archived", key: erp)
            #expect((archived as? [String: Any])?["total"] as? Int == 0)
            let (_, later) = try await ErpOrdersTests.get(client, "/api/v1/skus?since=2999-01-01T00:00:00Z", key: erp)
            #expect((later as? [String: Any])?["total"] as? Int == 0)
        }
    }

    @Test func aPageDeliveredAgainOrOlderChangesNothingAndMappingFollowsTheSKU() async throws {
        try await AppFixture.run { fixture, client in
            let catalog = CatalogService(database: fixture.environment.database)
            let tenant = fixture.tenant.id
            let instance = try #require(Int64(try await fixture.texts(Self.instanceSQL(fixture)).first.flatMap { $0 } ?? ""))
            let newer = Self.listing(sku: "CAT-1", title: "Tee", updated: "2026-11-20T10:00:00Z")
            #expect(
                try await catalog.ingest(
                    [newer, Self.listing(sku: "CAT-2", productID: "p2", title: "Cap", updated: nil)], instance: instance, tenant: tenant
                ).changed == 2)
            #expect(try await catalog.ingest([newer], instance: instance, tenant: tenant).changed == 0, "the same listing again")
            let older = Self.listing(sku: "CAT-1", title: "Old title", updated: "2026-11-19T10:00:00Z")
            #expect(try await catalog.ingest([older], instance: instance, tenant: tenant).changed == 0, "an older version")
            #expect(try await fixture.texts("SELECT title FROM catalog.listings WHERE sku = 'CAT-1'") == ["Tee"])
            let broken = Self.listing(sku: "BAD\u{0}SKU", productID: "p3", title: "x", updated: nil)
            #expect(try await catalog.ingest([broken], instance: instance, tenant: tenant) == ListingIngestion(changed: 0, rejected: ["p3"]))

            let product = try await catalog.saveProduct(ProductInput(sku: "CAT-1", name: "Black tee", barcode: "0001"), tenant: tenant)
            #expect(
                try await fixture.texts("SELECT product_id::text || ' ' || mapped_by FROM catalog.listings WHERE sku = 'CAT-1'") == [
                    "\(product.id) auto"
                ])
            let cap = try await catalog.saveProduct(ProductInput(sku: "CAP-MASTER", name: "Cap", barcode: "0002"), tenant: tenant)
            _ = try await fixture.texts("UPDATE catalog.listings SET barcode = '0002' WHERE sku = 'CAT-2' RETURNING id::text")
            let matches = try await catalog.smartMatch(listings: nil, tenant: tenant)
            #expect(matches.map(\.basis) == [.barcode] && matches.first?.productID == cap.id, "\(matches)")
            let listing = try #require(matches.first?.listingID)
            let unmapped = try await catalog.map(listing: listing, to: nil, tenant: tenant)
            #expect(unmapped.productID == nil && unmapped.mappedBy == nil)
            await #expect(throws: CatalogError.productNotFound("999999")) { try await catalog.map(listing: listing, to: 999_999, tenant: tenant) }
            await #expect(throws: CatalogError.invalidField(field: "sku", reason: "must not contain control characters.")) {
                try await catalog.saveProduct(ProductInput(sku: "A\u{7}", name: "x"), tenant: tenant)
            }
            let erp = try await fixture.identity.issueToken(tenant: tenant, name: "ERP", scopes: ["erp"], createdBy: "test").secret
            let (status, refused) = try await ErpOrdersTests.get(client, "/api/v1/skus?status=gone", key: erp)
            #expect(status == .unprocessableContent && (refused as? [String: Any])?["code"] as? String == "invalid_parameter")
            let (limitStatus, _) = try await ErpOrdersTests.get(client, "/api/v1/skus?limit=501", key: erp)
            #expect(limitStatus == .unprocessableContent)
            let (unknown, _) = try await ErpOrdersTests.get(client, "/api/v1/skus?channel=nowhere", key: erp)
            #expect(unknown == .notFound)
            let (all, body) = try await ErpOrdersTests.get(client, "/api/v1/skus?status=all", key: erp)
            #expect(all == .ok && (body as? [String: Any])?["total"] as? Int == 2)
        }
    }

    /// An instance of the fixture's tenant to hang listings on.
    static func instanceSQL(_ fixture: AppFixture) -> String {
        """
        INSERT INTO integrations.instances (tenant_id, provider, name, code, webhook_key, poll_interval_minutes)
        VALUES ('\(fixture.tenant.id.rawValue)', 'shopify', 'Store', 'store', 'whk_' || md5('store'), 15) RETURNING id::text
        """
    }

    static func listing(sku: String, productID: String = "p1", title: String, updated: String?) -> NormalizedListing {
        NormalizedListing(
            productID: productID, variantID: "v1", sku: sku, title: title, barcode: nil, price: Decimal(string: "9.99"), currency: "USD",
            status: .active, remoteStatus: "active", remoteUpdatedAt: updated.flatMap { ISO8601.date(from: $0) },
            externalIDs: [("product_id", productID)], rawPayload: .object([("sku", .string(sku))]))
    }
}
