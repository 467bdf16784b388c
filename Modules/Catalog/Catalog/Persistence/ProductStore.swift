import CatalogContracts
import Foundation
import Kernel
import PostgresNIO
import Storage

/// The SKU master.
enum ProductStore {
    static let columns =
        "p.id, p.sku, p.name, p.barcode, p.attributes::text, p.low_stock_threshold, p.unit_cost::text, p.archived_at, p.created_at, p.updated_at"

    /// Adds the product with the input's SKU or changes the one that has it (attributes kept when the input has none);
    /// saving what the product already holds changes nothing, `updated_at` included.
    static func save(_ input: ProductInput, in transaction: Transaction) async throws -> Product {
        let attributes = input.attributes.map { String(decoding: $0.serialized(), as: UTF8.self) }
        let tenant = transaction.tenant.rawValue
        let rows = try await transaction.query(
            """
            WITH saved AS (
                INSERT INTO catalog.products AS p (tenant_id, sku, name, barcode, attributes, low_stock_threshold, unit_cost)
                VALUES (\(tenant), \(input.sku), \(input.name), \(input.barcode), coalesce(\(attributes)::jsonb, '{}'),
                        \(input.lowStockThreshold), \(input.unitCost.map { "\($0)" })::numeric)
                ON CONFLICT (tenant_id, sku) DO UPDATE
                SET name = EXCLUDED.name, barcode = EXCLUDED.barcode, attributes = coalesce(\(attributes)::jsonb, p.attributes),
                    low_stock_threshold = EXCLUDED.low_stock_threshold, unit_cost = EXCLUDED.unit_cost, updated_at = now()
                WHERE (p.name, p.barcode, p.attributes, p.low_stock_threshold, p.unit_cost)
                    IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.barcode, coalesce(\(attributes)::jsonb, p.attributes), EXCLUDED.low_stock_threshold,
                                      EXCLUDED.unit_cost)
                RETURNING *
            )
            SELECT \(unescaped: Self.columns) FROM saved p
            UNION ALL
            SELECT \(unescaped: Self.columns) FROM catalog.products p
            WHERE p.tenant_id = \(tenant) AND p.sku = \(input.sku) AND NOT EXISTS (SELECT 1 FROM saved)
            """)
        for try await row in rows { return try Self.product(row) }
        throw CatalogError.productNotFound(input.sku)
    }

    static func find(ids: [Int64], in transaction: Transaction) async throws -> [Product] {
        let rows = try await transaction.query(
            "SELECT \(unescaped: Self.columns) FROM catalog.products p WHERE p.tenant_id = \(transaction.tenant.rawValue) AND p.id = ANY(\(ids))")
        var products: [Product] = []
        for try await row in rows { products.append(try Self.product(row)) }
        return products
    }

    /// A page of products by id, optionally only those whose SKU or name contains `search`, and only archived or only
    /// active ones.
    static func page(search: String?, archived: Bool?, page: PageRequest, in transaction: Transaction) async throws -> Page<Product> {
        try await Self.list(search: search, archived: archived, page: page, tenant: transaction.tenant).page(in: transaction, decode: Self.product)
    }

    static func count(search: String?, archived: Bool?, in transaction: Transaction) async throws -> Int {
        try await Self.list(search: search, archived: archived, page: try PageRequest(), tenant: transaction.tenant).count(in: transaction)
    }

    private static func list(search: String?, archived: Bool?, page: PageRequest, tenant: TenantID) throws -> KeysetPage {
        var conditions = SQLConditions()
        var clauses = ["p.tenant_id = \(try conditions.bind(tenant.rawValue))"]
        if let search { clauses.append("p.search_text LIKE \(try conditions.bind(SQLConditions.containing(search.lowercased())))") }
        if let archived { clauses.append(archived ? "p.archived_at IS NOT NULL" : "p.archived_at IS NULL") }
        return KeysetPage(
            table: "catalog.products p", columns: Self.columns, where: clauses.joined(separator: " AND "), conditions: conditions,
            keys: [SortKey("p.id", .int64, descending: false)], page: page)
    }

    static func product(_ row: PostgresRow) throws -> Product {
        let (id, sku, name, barcode, attributes, threshold, cost, archivedAt, createdAt, updatedAt) = try row.decode(
            (Int64, String, String, String?, String, Int64?, String?, Date?, Date, Date).self)
        return Product(
            id: id, sku: sku, name: name, barcode: barcode, attributes: (try? JSONParser.parse(Array(attributes.utf8))) ?? .object([]),
            lowStockThreshold: threshold, unitCost: cost.flatMap { Decimal(string: $0) }, archivedAt: archivedAt, createdAt: createdAt,
            updatedAt: updatedAt)
    }
}
