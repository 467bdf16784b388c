import CatalogContracts
import Foundation
import Kernel
import PostgresNIO
import Storage

/// The listings each channel holds (item masters) and their mapping to products.
enum ListingStore {
    static let columns = """
        l.id, l.instance_id, l.channel_product_id, l.channel_variant_id, l.sku, l.title, l.barcode, l.price::text, l.currency, l.status,
        l.remote_status, l.remote_updated_at, l.product_id, l.mapped_by, l.updated_at
        """

    /// Upserts one instance's listings (the last of each key when a page repeats one), never over a newer
    /// `remote_updated_at`, and only where something changed; answers the ids of the listings added or changed.
    static func upsert(_ listings: [NormalizedListing], instance: Int64, in transaction: Transaction) async throws -> [Int64] {
        let unique = listings.lastByKey { "\($0.productID)\u{1F}\($0.variantID ?? "")" }
        guard !unique.isEmpty else { return [] }
        func json(_ value: JSONValue) -> String { String(decoding: value.serialized(), as: UTF8.self) }
        let rows = try await transaction.query(
            """
            INSERT INTO catalog.listings AS l (
                tenant_id, instance_id, channel_product_id, channel_variant_id, sku, title, barcode, price, currency, status, remote_status,
                remote_updated_at, external_ids, attrs, raw_payload)
            SELECT \(transaction.tenant.rawValue), \(instance), i.product_id, i.variant_id, i.sku, NULLIF(i.title, ''), NULLIF(i.barcode, ''),
                   NULLIF(i.price, '')::numeric, NULLIF(i.currency, ''), i.status, NULLIF(i.remote_status, ''),
                   NULLIF(i.remote_updated_at, '')::timestamptz, i.external_ids::jsonb, i.attrs::jsonb, i.raw_payload::jsonb
            FROM unnest(
                \(unique.map(\.productID))::text[], \(unique.map { $0.variantID ?? "" })::text[], \(unique.map(\.sku))::text[],
                \(unique.map { $0.title ?? "" })::text[], \(unique.map { $0.barcode ?? "" })::text[],
                \(unique.map { $0.price.map { "\($0)" } ?? "" })::text[], \(unique.map { $0.currency ?? "" })::text[],
                \(unique.map(\.status.rawValue))::text[], \(unique.map { $0.remoteStatus ?? "" })::text[],
                \(unique.map { $0.remoteUpdatedAt.map(ISO8601.string(from:)) ?? "" })::text[],
                \(unique.map { json(.object($0.externalIDs.map { ($0.key, .string($0.value)) })) })::text[],
                \(unique.map { json(.object($0.attributes)) })::text[], \(unique.map { json($0.rawPayload) })::text[]
            ) AS i (product_id, variant_id, sku, title, barcode, price, currency, status, remote_status, remote_updated_at, external_ids,
                    attrs, raw_payload)
            ON CONFLICT (tenant_id, instance_id, channel_product_id, channel_variant_id) DO UPDATE
            SET sku = EXCLUDED.sku, title = EXCLUDED.title, barcode = EXCLUDED.barcode, price = EXCLUDED.price, currency = EXCLUDED.currency,
                status = EXCLUDED.status, remote_status = EXCLUDED.remote_status, remote_updated_at = EXCLUDED.remote_updated_at,
                external_ids = EXCLUDED.external_ids, attrs = EXCLUDED.attrs, raw_payload = EXCLUDED.raw_payload, updated_at = now(),
                product_id = CASE WHEN l.sku = EXCLUDED.sku OR l.mapped_by IS DISTINCT FROM 'auto' THEN l.product_id END,
                mapped_by = CASE WHEN l.sku = EXCLUDED.sku OR l.mapped_by IS DISTINCT FROM 'auto' THEN l.mapped_by END,
                mapped_at = CASE WHEN l.sku = EXCLUDED.sku OR l.mapped_by IS DISTINCT FROM 'auto' THEN l.mapped_at END
            WHERE (l.remote_updated_at IS NULL OR EXCLUDED.remote_updated_at IS NULL OR EXCLUDED.remote_updated_at >= l.remote_updated_at)
              AND (l.sku, l.title, l.barcode, l.price, l.currency, l.status, l.remote_status, l.remote_updated_at, l.external_ids, l.attrs,
                   l.raw_payload)
                  IS DISTINCT FROM (EXCLUDED.sku, EXCLUDED.title, EXCLUDED.barcode, EXCLUDED.price, EXCLUDED.currency, EXCLUDED.status,
                                    EXCLUDED.remote_status, EXCLUDED.remote_updated_at, EXCLUDED.external_ids, EXCLUDED.attrs,
                                    EXCLUDED.raw_payload)
            RETURNING l.id
            """)
        var ids: [Int64] = []
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        return ids
    }

    /// Maps the unmapped listings among `ids` (every unmapped listing when `nil`) whose SKU an active product has.
    static func autoMap(_ ids: [Int64]?, sku: String? = nil, in transaction: Transaction) async throws {
        try await transaction.query(
            """
            UPDATE catalog.listings l SET product_id = p.id, mapped_by = 'auto', mapped_at = now(), updated_at = now()
            FROM catalog.products p
            WHERE l.tenant_id = \(transaction.tenant.rawValue) AND l.product_id IS NULL
              AND (\(ids)::bigint[] IS NULL OR l.id = ANY(\(ids))) AND (\(sku)::text IS NULL OR l.sku = \(sku))
              AND p.tenant_id = l.tenant_id AND p.sku = l.sku AND p.archived_at IS NULL
            """)
    }

    /// Sets or clears a listing's product; answers whether the listing exists.
    static func map(_ id: Int64, to product: Int64?, by source: MappingSource, in transaction: Transaction) async throws -> Bool {
        let rows = try await transaction.query(
            """
            UPDATE catalog.listings SET product_id = \(product), mapped_by = \(product == nil ? nil : source.rawValue),
                mapped_at = CASE WHEN \(product)::bigint IS NULL THEN NULL ELSE now() END, updated_at = now()
            WHERE tenant_id = \(transaction.tenant.rawValue) AND id = \(id)
            RETURNING id
            """)
        for try await _ in rows { return true }
        return false
    }

    /// Maps each listing to its product in one statement.
    static func map(_ pairs: [(listing: Int64, product: Int64)], by source: MappingSource, in transaction: Transaction) async throws {
        guard !pairs.isEmpty else { return }
        try await transaction.query(
            """
            UPDATE catalog.listings l SET product_id = m.product_id, mapped_by = \(source.rawValue), mapped_at = now(), updated_at = now()
            FROM unnest(\(pairs.map(\.listing))::bigint[], \(pairs.map(\.product))::bigint[]) AS m (id, product_id)
            WHERE l.tenant_id = \(transaction.tenant.rawValue) AND l.id = m.id
            """)
    }

    /// For each unmapped listing (of `ids`, or all): the product with its SKU, else the active products with its barcode.
    static func candidates(_ ids: [Int64]?, in transaction: Transaction) async throws -> [(listing: Int64, sku: Int64?, barcode: [Int64])] {
        let rows = try await transaction.query(
            """
            SELECT l.id,
                (SELECT p.id FROM catalog.products p WHERE p.tenant_id = l.tenant_id AND p.sku = l.sku AND p.archived_at IS NULL),
                coalesce((SELECT array_agg(p.id ORDER BY p.id) FROM catalog.products p
                          WHERE l.barcode IS NOT NULL AND p.tenant_id = l.tenant_id AND p.barcode = l.barcode AND p.archived_at IS NULL),
                         '{}')
            FROM catalog.listings l
            WHERE l.tenant_id = \(transaction.tenant.rawValue) AND l.product_id IS NULL AND (\(ids)::bigint[] IS NULL OR l.id = ANY(\(ids)))
            ORDER BY l.id
            """)
        var candidates: [(listing: Int64, sku: Int64?, barcode: [Int64])] = []
        for try await (listing, sku, barcode) in rows.decode((Int64, Int64?, [Int64]).self) { candidates.append((listing, sku, barcode)) }
        return candidates
    }

    static func find(ids: [Int64], in transaction: Transaction) async throws -> [Listing] {
        let rows = try await transaction.query(
            "SELECT \(unescaped: Self.columns) FROM catalog.listings l WHERE l.tenant_id = \(transaction.tenant.rawValue) AND l.id = ANY(\(ids))")
        var listings: [Listing] = []
        for try await row in rows { listings.append(try Self.listing(row)) }
        return listings
    }

    static func page(_ filter: ListingFilter, page: PageRequest, in transaction: Transaction) async throws -> Page<Listing> {
        try await Self.list(filter, page: page, tenant: transaction.tenant).page(in: transaction, decode: Self.listing)
    }

    static func count(_ filter: ListingFilter, in transaction: Transaction) async throws -> Int {
        try await Self.list(filter, page: try PageRequest(), tenant: transaction.tenant).count(in: transaction)
    }

    private static func list(_ filter: ListingFilter, page: PageRequest, tenant: TenantID) throws -> KeysetPage {
        var conditions = SQLConditions()
        var clauses = ["l.tenant_id = \(try conditions.bind(tenant.rawValue))"]
        if let instance = filter.instanceID { clauses.append("l.instance_id = \(try conditions.bind(instance))") }
        if let product = filter.productID { clauses.append("l.product_id = \(try conditions.bind(product))") }
        if let mapped = filter.mapped { clauses.append(mapped ? "l.product_id IS NOT NULL" : "l.product_id IS NULL") }
        if let statuses = filter.statuses { clauses.append("l.status = ANY(\(try conditions.bind(statuses.map(\.rawValue))))") }
        if let search = filter.search { clauses.append("l.search_text LIKE \(try conditions.bind(SQLConditions.containing(search.lowercased())))") }
        return KeysetPage(
            table: "catalog.listings l", columns: Self.columns, where: clauses.joined(separator: " AND "), conditions: conditions,
            keys: [SortKey("l.id", .int64, descending: false)], page: page)
    }

    static func listing(_ row: PostgresRow) throws -> Listing {
        let cells = row.makeRandomAccess()
        return Listing(
            id: try cells[0].decode(Int64.self), instanceID: try cells[1].decode(Int64.self), channelProductID: try cells[2].decode(String.self),
            channelVariantID: try cells[3].decode(String.self).nilIfEmpty, sku: try cells[4].decode(String.self),
            title: try cells[5].decode(String?.self), barcode: try cells[6].decode(String?.self),
            price: try cells[7].decode(String?.self).flatMap { Decimal(string: $0) }, currency: try cells[8].decode(String?.self),
            status: CanonicalListingStatus(rawValue: try cells[9].decode(String.self)) ?? .inactive, remoteStatus: try cells[10].decode(String?.self),
            remoteUpdatedAt: try cells[11].decode(Date?.self), productID: try cells[12].decode(Int64?.self),
            mappedBy: try cells[13].decode(String?.self).flatMap(MappingSource.init(rawValue:)), updatedAt: try cells[14].decode(Date.self))
    }
}
