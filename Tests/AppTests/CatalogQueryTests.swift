import App
import Catalog
import CatalogContracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IdentityContracts
import Kernel
import TestSupport
import Testing

/// The Catalog context in the query language: saving products, listing every channel's listings with their product,
/// mapping by hand and by smart match, with user errors that name the argument and roles enforced.
@Suite struct CatalogQueryTests {
    @Test func theAdminKeepsProductsAndMapsListingsInTheQueryLanguage() async throws {
        try await AppFixture.run { fixture, client in
            let staff = try await fixture.adminHeaders(fixture.staff)
            let viewer = try await fixture.adminHeaders(fixture.viewer)
            let instance = try #require(Int64(try await fixture.texts(CatalogListingsTests.instanceSQL(fixture)).first.flatMap { $0 } ?? ""))
            _ = try await CatalogService(database: fixture.environment.database).ingest(
                [
                    CatalogListingsTests.listing(sku: "TEE-1", productID: "p1", title: "Tee", updated: nil),
                    CatalogListingsTests.listing(sku: "CHANNEL-CAP", productID: "p2", title: "Cap", updated: nil),
                ], instance: instance, tenant: fixture.tenant.id)

            let save = """
                mutation($input: ProductInput!) {
                  productSave(input: $input) { product { id sku name barcode attributes lowStockThreshold unitCost } userErrors { field message code } }
                }
                """
            let (_, saved) = try await client.graphQL(
                save,
                variables: [
                    "input": ["sku": "TEE-1", "name": "Black tee", "attributes": ["colour": "black"], "lowStockThreshold": 5, "unitCost": "4.25"]
                ],
                headers: staff)
            let productID = try #require(value(saved, "productSave", "product", "id") as? String, "\(saved)")
            #expect(value(saved, "productSave", "product", "unitCost") as? String == "4.25")
            #expect((value(saved, "productSave", "product", "attributes") as? [String: Any])?["colour"] as? String == "black")
            let (_, cap) = try await client.graphQL(save, variables: ["input": ["sku": "CAP-1", "name": "Cap"]], headers: staff)
            let capID = try #require(value(cap, "productSave", "product", "id") as? String)
            let (_, invalid) = try await client.graphQL(save, variables: ["input": ["sku": "", "name": "x"]], headers: staff)
            #expect(value(invalid, "productSave", "userErrors", 0, "field") as? [String] == ["input", "sku"])
            let (_, cost) = try await client.graphQL(save, variables: ["input": ["sku": "X", "name": "x", "unitCost": "1.23456"]], headers: staff)
            #expect(value(cost, "productSave", "userErrors", 0, "field") as? [String] == ["input", "unitCost"])
            let (_, refused) = try await client.graphQL(save, variables: ["input": ["sku": "X", "name": "x"]], headers: viewer)
            #expect(value(refused, "productSave", "userErrors", 0, "code") as? String == "INSUFFICIENT_ROLE")
            #expect(try await fixture.count("catalog.products") == 2)

            let list = """
                query($filter: ListingFilter) {
                  listings(filter: $filter) { totalCount nodes { id itemMasterId sku status mappedBy product { id sku } } }
                }
                """
            let (_, mapped) = try await client.graphQL(list, variables: ["filter": ["mapped": true]], headers: viewer)
            #expect(value(mapped, "listings", "totalCount") as? Int == 1, "saving TEE-1 mapped its listing")
            #expect(value(mapped, "listings", "nodes", 0, "product", "id") as? String == productID)
            #expect(value(mapped, "listings", "nodes", 0, "mappedBy") as? String == "AUTO")
            let (_, unmapped) = try await client.graphQL(list, variables: ["filter": ["mapped": false, "statuses": ["ACTIVE"]]], headers: viewer)
            let capListing = try #require(value(unmapped, "listings", "nodes", 0, "id") as? String)

            let map =
                "mutation($id: ID!, $productId: ID!) { listingMap(id: $id, productId: $productId) { listing { mappedBy product { sku } } userErrors { field code } } }"
            let (_, byHand) = try await client.graphQL(map, variables: ["id": capListing, "productId": capID], headers: staff)
            #expect(value(byHand, "listingMap", "listing", "product", "sku") as? String == "CAP-1")
            #expect(value(byHand, "listingMap", "listing", "mappedBy") as? String == "MANUAL")
            let (_, badProduct) = try await client.graphQL(
                map, variables: ["id": capListing, "productId": "gid://switchyard/Product/999999"], headers: staff)
            #expect(value(badProduct, "listingMap", "userErrors", 0, "code") as? String == "PRODUCT_NOT_FOUND")
            let (_, badListing) = try await client.graphQL(
                map, variables: ["id": "gid://switchyard/Listing/999999", "productId": capID], headers: staff)
            #expect(value(badListing, "listingMap", "userErrors", 0, "field") as? [String] == ["id"])
            let (_, unmap) = try await client.graphQL(
                "mutation($id: ID!) { listingUnmap(id: $id) { listing { product { id } } userErrors { code } } }", variables: ["id": capListing],
                headers: staff)
            #expect(value(unmap, "listingUnmap", "listing", "product") is NSNull)

            let (_, matched) = try await client.graphQL(
                "mutation { listingsSmartMatch { results { listing { sku } product { sku } basis explanation } userErrors { code } } }",
                headers: staff)
            #expect(value(matched, "listingsSmartMatch", "results", 0, "basis") as? String == "NONE", "\(matched)")
            #expect((value(matched, "listingsSmartMatch", "results", 0, "explanation") as? String)?.contains("No product") == true)

            let (_, node) = try await client.graphQL(
                "query($id: ID!) { node(id: $id) { ... on Product { sku } } }", variables: ["id": productID], headers: viewer)
            #expect(value(node, "node", "sku") as? String == "TEE-1")
            let outsider = try await fixture.adminHeaders(fixture.outsider, tenant: fixture.otherTenant.id)
            let (_, hidden) = try await client.graphQL("{ products { totalCount } listings { totalCount } }", headers: outsider)
            #expect(value(hidden, "products", "totalCount") as? Int == 0 && value(hidden, "listings", "totalCount") as? Int == 0)
            let (_, searched) = try await client.graphQL(#"{ products(search: "black") { nodes { sku } } }"#, headers: viewer)
            #expect((value(searched, "products", "nodes") as? [[String: Any]])?.map { $0["sku"] as? String } == ["TEE-1"])
        }
    }
}
