import App
import Catalog
import Foundation
import HTTPTypes
import Identity
import IdentityContracts
import Inventory
import PostgresNIO
import Storage
import TestSupport
import Testing

@Suite struct SeedTests {
    @Test func theDemoSeedLoadsAndLoadingItAgainChangesNothing() async throws {
        try await TestDatabase.withFresh { environment in
            let seed = try SeedFile.load(TestDatabase.repositoryRoot.appendingPathComponent("seeds/demo.json"))
            let loader = SeedLoader(
                identity: IdentityService(database: environment.database), inventory: InventoryService(database: environment.database),
                catalog: CatalogService(database: environment.database))
            let first = try await loader.apply(seed)
            let snapshot = try await Self.snapshot(environment)
            let second = try await loader.apply(seed)
            #expect(first == second)
            #expect(try await Self.snapshot(environment) == snapshot)
            #expect(snapshot.contains("owner@demo-outfitters.example owner demo-outfitters"))
            #expect(snapshot.contains("SY-TEE-BLK-M main 120"))
            #expect(snapshot.contains("ledger 14 rows"), "loading again writes no ledger rows")
            #expect(snapshot.contains("product SY-MUG-12OZ Stoneware Mug, 12 oz 0084000055433 threshold 10 cost 3.9000 updated true"))
            #expect(snapshot.filter { $0.hasPrefix("product ") }.count == 12)
        }
    }

    @Test func aBrokenSeedFileIsReportedWithItsPath() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).json")
        try Data(#"{"tenant": {"id": "nope"}}"#.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: SeedError.self) { try SeedFile.load(url) }
    }

    static func snapshot(_ environment: TestEnvironment) async throws -> [String] {
        var lines: [String] = []
        let rows = try await environment.ownerClient.query(
            """
            SELECT u.email || ' ' || m.role || ' ' || t.slug FROM identity.memberships m
            JOIN identity.users u USING (user_id) JOIN identity.tenants t USING (tenant_id) ORDER BY 1
            """)
        for try await line in rows.decode(String.self) { lines.append(line) }
        let stock = try await environment.ownerClient.query(
            """
            SELECT s.sku || ' ' || w.code || ' ' || s.on_hand FROM inventory.stock_levels s
            JOIN inventory.warehouses w ON w.tenant_id = s.tenant_id AND w.id = s.warehouse_id
            UNION ALL SELECT 'ledger ' || count(*) || ' rows' FROM inventory.ledger
            UNION ALL SELECT 'product ' || sku || ' ' || name || ' ' || barcode || ' threshold ' || low_stock_threshold || ' cost ' || unit_cost
                || ' updated ' || (updated_at = created_at) FROM catalog.products ORDER BY 1
            """)
        for try await line in stock.decode(String.self) { lines.append(line) }
        return lines
    }
}
